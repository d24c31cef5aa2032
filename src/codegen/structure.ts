/** The structure of a source text in a supported language (dispatch over the two analysers). */
import type { SourceLanguage } from './language';
import { pythonStructure } from './python-structure';
import { scriptStructure } from './script-structure';
import type { SourceStructure } from './source-structure';

export function structureOf(text: string, language: SourceLanguage): SourceStructure {
  return language === 'python' ? pythonStructure(text) : scriptStructure(text, language);
}

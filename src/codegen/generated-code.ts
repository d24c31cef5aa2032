/**
 * What a code generator returns. Imports are kept apart from the body so an inserter can add each
 * one once, and the body is kept as named top-level sections (shared helpers, one per block, the
 * model entry) so an inserter can reuse a helper the file already has and rename around clashes.
 */
import type { CodeTarget } from '../shared/protocol';
import type { SourceLanguage } from './language';

export interface GeneratedSection {
  /** `helper`: shared by every architecture (identical text each time); `block`: one searched block; `entry`: builds the model. */
  kind: 'helper' | 'block' | 'entry';
  /** The top-level name it defines. */
  name: string;
  text: string;
}

export interface GeneratedCode {
  target: CodeTarget;
  language: SourceLanguage;
  /** One import statement per entry, without line breaks. */
  imports: string[];
  sections: GeneratedSection[];
  /** Every section, separated the way the language's style guide asks. */
  body: string;
  /** The function (TF.js, Keras) or class (PyTorch) that builds the model. */
  entryName: string;
  /** A complete file: imports, then the body, ending in a newline. */
  text: string;
}

export interface GenerateOptions {
  /** Name of the entry function/class (default: from the architecture's name, e.g. `buildDnaFashionA`). */
  entryName?: string;
  /** Appended to every block and entry name (not to an explicit entryName): `stage1Block2`. */
  suffix?: string;
  /** Appended to the shared helpers' names: `mbconv2`. */
  helperSuffix?: string;
  /** TF.js only: `export` the entry function (ES modules; default true). */
  exportEntry?: boolean;
  /** TF.js JavaScript only: `import` (default) or `require`. */
  moduleSystem?: 'esm' | 'commonjs';
}

/** Blank lines between top-level definitions: one in TS/JS, two in Python (PEP 8). */
export function sectionSeparator(language: SourceLanguage): string {
  return language === 'python' ? '\n\n\n' : '\n\n';
}

export function assemble(target: CodeTarget, language: SourceLanguage, imports: string[], sections: GeneratedSection[]): GeneratedCode {
  const sep = sectionSeparator(language);
  const body = sections.map((s) => s.text).join(sep);
  const entry = sections.find((s) => s.kind === 'entry');
  if (!entry) throw new Error('internal: a generator produced no entry section');
  return { target, language, imports, sections, body, entryName: entry.name, text: `${imports.join('\n')}${sep}${body}\n` };
}

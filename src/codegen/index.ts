/**
 * The code features' pure layer (no vscode, no TensorFlow.js): generate an architecture's source,
 * read a user's model file against a run's teacher blocks, and compute the edits that insert or
 * swap in an architecture. The extension builds CodeLenses, decorations, diffs and
 * WorkspaceEdits on top of these.
 */
export { CODE_TARGETS, generateCode } from './generate';
export { architectureForCandidates } from './candidates';
export type { GeneratedCode, GeneratedSection, GenerateOptions } from './generated-code';
export {
  languageOf,
  tryLanguageOf,
  resolveTarget,
  detectPythonTarget,
  UnsupportedLanguageError,
  SOURCE_LANGUAGES,
  SUPPORTED_LANGUAGES_TEXT,
  TARGETS_BY_LANGUAGE,
  TARGET_LANGUAGE,
  TARGET_LABELS,
  TARGET_EXTENSIONS,
} from './language';
export type { SourceLanguage, SourceOrigin } from './language';
export type { LineRange } from './lines';
export { markerSyntax } from './markers';
export { analyzeSource } from './source-match';
export type { BlockMatch, BlockRef, ModelLocation, SourceAnalysis, SourceProblem, UnmatchedBlock } from './source-match';
export { insertArchitecture, replaceModel } from './source-edits';
export type { CodeEditOptions, CodeEditResult, ReplaceResult, SourceFile } from './source-edits';
export { applyEdits } from './text-edits';
export type { TextEdit } from './text-edits';
export { ArchitectureError } from '../shared/architecture-check';

/**
 * Which source languages the code features understand, and which code target goes with each.
 * The extension passes a document's VS Code languageId and file name; a file in any other
 * language gets an UnsupportedLanguageError whose message lists what is supported, so the user
 * knows what to open instead.
 */
import type { CodeTarget } from '../shared/protocol';

export type SourceLanguage = 'typescript' | 'javascript' | 'python';

export const SOURCE_LANGUAGES: readonly SourceLanguage[] = ['typescript', 'javascript', 'python'];

/** Targets that can be written into a file of each language (the first is the default). */
export const TARGETS_BY_LANGUAGE: Readonly<Record<SourceLanguage, readonly CodeTarget[]>> = {
  typescript: ['tfjs-ts'],
  javascript: ['tfjs-js'],
  python: ['keras', 'pytorch'],
};

export const TARGET_LANGUAGE: Readonly<Record<CodeTarget, SourceLanguage>> = {
  'tfjs-ts': 'typescript',
  'tfjs-js': 'javascript',
  keras: 'python',
  pytorch: 'python',
};

export const TARGET_LABELS: Readonly<Record<CodeTarget, string>> = {
  'tfjs-ts': 'TensorFlow.js (TypeScript)',
  'tfjs-js': 'TensorFlow.js (JavaScript)',
  keras: 'Keras (Python)',
  pytorch: 'PyTorch (Python)',
};

/** File extension of a generated document of each target (for virtual document URIs). */
export const TARGET_EXTENSIONS: Readonly<Record<CodeTarget, string>> = {
  'tfjs-ts': '.ts',
  'tfjs-js': '.js',
  keras: '.py',
  pytorch: '.py',
};

const BY_LANGUAGE_ID: Record<string, SourceLanguage> = {
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
};

const BY_EXTENSION: Record<string, SourceLanguage> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
  '.pyw': 'python',
};

export const SUPPORTED_LANGUAGES_TEXT =
  'TypeScript (.ts: TensorFlow.js), JavaScript (.js: TensorFlow.js) and Python (.py: Keras or PyTorch)';

export class UnsupportedLanguageError extends Error {
  override name = 'UnsupportedLanguageError';
}

/** Where a text came from: VS Code's languageId and/or a file name (either may be missing). */
export interface SourceOrigin {
  languageId?: string;
  fileName?: string;
}

function extensionOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The language of a document, or undefined when it is none of the supported ones. */
export function tryLanguageOf(origin: SourceOrigin): SourceLanguage | undefined {
  if (origin.languageId && BY_LANGUAGE_ID[origin.languageId]) return BY_LANGUAGE_ID[origin.languageId];
  if (origin.fileName) return BY_EXTENSION[extensionOf(origin.fileName)];
  return undefined;
}

/** The language of a document; throws UnsupportedLanguageError naming the file and the supported languages. */
export function languageOf(origin: SourceOrigin): SourceLanguage {
  const language = tryLanguageOf(origin);
  if (language) return language;
  const what = [origin.fileName ? `"${origin.fileName.replace(/^.*[\\/]/, '')}"` : 'This file', origin.languageId ? `(language "${origin.languageId}")` : '']
    .filter(Boolean)
    .join(' ');
  throw new UnsupportedLanguageError(
    `${what} is not a language DNA Search can write model code in. Supported: ${SUPPORTED_LANGUAGES_TEXT}. Open a file in one of these languages, or open the architecture as a new document.`,
  );
}

/**
 * The framework a Python file uses, from its imports: PyTorch when it imports torch, Keras when it
 * imports keras or tensorflow; undefined when it imports neither (or both), so the caller asks.
 */
export function detectPythonTarget(text: string): 'keras' | 'pytorch' | undefined {
  const torch = /^\s*(import\s+torch\b|from\s+torch\b)/m.test(text);
  const keras = /^\s*(import\s+(keras|tensorflow)\b|from\s+(keras|tensorflow)\b)/m.test(text);
  if (torch === keras) return undefined;
  return torch ? 'pytorch' : 'keras';
}

/**
 * The target to write into a file: the requested one (checked against the language), else the
 * language's only target, else (Python) the framework its imports show. Throws with the choices
 * when it cannot tell.
 */
export function resolveTarget(language: SourceLanguage, text: string, requested?: CodeTarget): CodeTarget {
  const allowed = TARGETS_BY_LANGUAGE[language];
  if (requested) {
    if (!allowed.includes(requested)) {
      throw new UnsupportedLanguageError(
        `${TARGET_LABELS[requested]} code cannot go into a ${language} file; for ${language} choose ${allowed.map((t) => TARGET_LABELS[t]).join(' or ')}.`,
      );
    }
    return requested;
  }
  if (allowed.length === 1) return allowed[0];
  const detected = detectPythonTarget(text);
  if (detected) return detected;
  throw new UnsupportedLanguageError(
    `Cannot tell whether this Python file uses Keras or PyTorch (it imports neither, or both). Choose one: ${allowed.map((t) => TARGET_LABELS[t]).join(', ')}.`,
  );
}

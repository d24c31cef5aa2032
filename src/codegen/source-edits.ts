/**
 * Writing an architecture into a user's file, as edits: at a position ("Insert Architecture" at
 * the cursor), or in place of the model region (the right side of the diff, and "replace the
 * marked model"). Imports are added once, after the file's own, only where the file does not bind
 * their names already; shared helpers the file already has (same text) are reused; a generated
 * name that would clash with one of the file's top-level names gets a number. Nothing here
 * touches a file: the caller applies the edits (one WorkspaceEdit, so one undo).
 */
import type { ArchitectureSpec } from '../shared/architecture';
import type { CodeTarget } from '../shared/protocol';
import { generateCode } from './generate';
import { sectionSeparator, type GeneratedCode, type GenerateOptions } from './generated-code';
import { missingImports, importLine } from './import-plan';
import { languageOf, resolveTarget, type SourceLanguage, type SourceOrigin } from './language';
import { eolOf, withEol, type LineRange } from './lines';
import { markerSyntax } from './markers';
import { analyzeStructure, type BlockRef, type ModelLocation } from './source-match';
import { isInsertionLine, type SourceStructure } from './source-structure';
import { structureOf } from './structure';
import { applyEdits, type TextEdit } from './text-edits';

/** A document as the extension has it: its text and whatever tells its language. */
export interface SourceFile extends SourceOrigin {
  text: string;
}

export interface CodeEditOptions {
  /** The framework to write (default: the language's, or for Python the one the file imports). */
  target?: CodeTarget;
  /** Name of the entry function/class (default: generated; a replacement keeps the replaced definition's name). */
  entryName?: string;
}

export interface CodeEditResult {
  language: SourceLanguage;
  target: CodeTarget;
  /** Non-overlapping edits against the original text, in offset order. */
  edits: TextEdit[];
  /** The whole file after the edits (the diff editor's right side). */
  text: string;
  entryName: string;
  /** Lines of the inserted code in the new text (to reveal or select it). */
  codeLines: LineRange;
  /** Things the user should know, e.g. that the code went after the function the cursor was in. */
  notices: string[];
}

export interface ReplaceResult extends CodeEditResult {
  /** What was replaced: the marked model region, the detected model definition, or nothing (appended at the end). */
  how: 'marker' | 'definition' | 'appended';
  model?: ModelLocation;
}

interface Placement {
  /** Lines replaced (inclusive), or an insertion before `line` when `replace` is absent. */
  line: number;
  replace?: LineRange;
  /** Inside model markers the code fills the region as it is, without blank lines around it. */
  bare: boolean;
}

/** Inserts `arch` as top-level code at `position`'s line (or after the top-level statement the line is inside). */
export function insertArchitecture(file: SourceFile, arch: ArchitectureSpec, position: { line: number }, opts: CodeEditOptions = {}): CodeEditResult {
  const language = languageOf(file);
  const structure = structureOf(file.text, language);
  const notices: string[] = [];
  const wanted = Math.max(0, Math.min(position.line, structure.lines.lineCount - 1));
  // Never above the file's imports (Python needs them first) or its header comment.
  const first = importLine(structure).line;
  const line = insertionLineAtOrAfter(structure, Math.max(wanted, first));
  if (wanted < first) notices.push(`The architecture went below the file's imports and header, at line ${line + 1}.`);
  else if (line !== wanted) {
    const inside = structure.statements.find((s) => s.docStartLine <= wanted && wanted <= s.endLine);
    notices.push(`The cursor was inside ${inside?.name ? `"${inside.name}"` : 'a statement'}; the architecture went after it, at line ${line + 1}.`);
  }
  return edit(file, structure, language, arch, { line, bare: false }, opts, notices);
}

/**
 * The file with `arch` in place of its model: the content of a `dna-search: model` region, else
 * the detected model definition (keeping its name and `export`), else appended at the end (with a
 * notice saying how to mark the model). `blocks` (the run's teacher blocks) help find the model.
 */
export function replaceModel(file: SourceFile, arch: ArchitectureSpec, opts: CodeEditOptions & { blocks?: readonly BlockRef[] } = {}): ReplaceResult {
  const language = languageOf(file);
  const structure = structureOf(file.text, language);
  const model = analyzeStructure(structure, opts.blocks ?? []).model;
  const options: CodeEditOptions = { ...opts, entryName: opts.entryName ?? model?.name };
  if (!model) {
    const syntax = markerSyntax(language, 'model');
    const notices = [`Found no model definition in this file, so the architecture is added at the end. To replace the model instead, put it between "${syntax.open}" and "${syntax.close}".`];
    const result = edit(file, structure, language, arch, { line: structure.lines.lineCount, bare: false }, options, notices);
    return { ...result, how: 'appended' };
  }
  const empty = model.range.end < model.range.start;
  const placement: Placement = empty ? { line: model.range.start, bare: true } : { line: model.range.start, replace: model.range, bare: model.via === 'marker' };
  const result = edit(file, structure, language, arch, placement, options, [], model.exported);
  return { ...result, how: model.via, model };
}

/** The first line at or after `line` where a top-level definition may start. */
function insertionLineAtOrAfter(structure: SourceStructure, line: number): number {
  let l = line;
  while (l < structure.lines.lineCount && !isInsertionLine(structure, l)) {
    const inside = structure.statements.find((s) => s.docStartLine < l && l <= s.endLine);
    l = inside ? inside.endLine + 1 : l + 1;
  }
  return l;
}

function moduleSystemOf(structure: SourceStructure, fileName?: string): 'esm' | 'commonjs' {
  const esm = structure.tokens.some((t, i) => t.depth === 0 && t.kind === 'ident' && (t.text === 'import' || t.text === 'export') && structure.statements.some((s) => s.firstToken === i));
  if (esm) return 'esm';
  const commonjs = structure.statements.some((s) => s.kind === 'import') || structure.tokens.some((t) => t.text === 'module' || t.text === 'require');
  if (commonjs || /\.cjs$/i.test(fileName ?? '')) return 'commonjs';
  return 'esm';
}

function edit(
  file: SourceFile,
  structure: SourceStructure,
  language: SourceLanguage,
  arch: ArchitectureSpec,
  placement: Placement,
  opts: CodeEditOptions,
  notices: string[],
  exported?: boolean,
): CodeEditResult {
  const target = resolveTarget(language, file.text, opts.target);
  const eol = eolOf(file.text);
  const lines = structure.lines;
  const replaced = placement.replace;
  const isReplaced = (i: number): boolean => {
    const s = structure.statements[i];
    return !!replaced && s.startLine >= replaced.start && s.endLine <= replaced.end;
  };
  const existing = new Set(structure.statements.flatMap((s, i) => (isReplaced(i) ? [] : s.bindings)));
  const keptText = (replaced ? file.text.slice(0, lines.lineStart(replaced.start)) + file.text.slice(lines.lineEnd(replaced.end)) : file.text).replace(/\r\n/g, '\n');

  const base: GenerateOptions = { entryName: opts.entryName, exportEntry: exported ?? true };
  if (language === 'javascript') base.moduleSystem = moduleSystemOf(structure, file.fileName);
  const { code, sections } = chooseNames(arch, target, base, existing, keptText);
  const body = sections.map((s) => s.text).join(sectionSeparator(language));
  const needed = missingImports(structure, code.imports, isReplaced);
  const blankLines = language === 'python' ? 2 : 1;

  // The code edit: its span of the original text, and the text around the body: a line break when
  // appending to a file without a final one, blank lines that set the code apart, a closing break.
  let offset: number;
  let end: number;
  let lead = '';
  let space = '';
  let after = '';
  if (replaced) {
    offset = lines.lineStart(replaced.start);
    // A marked region is replaced whole lines at a time (the markers stay); a definition up to its last character.
    end = placement.bare ? lines.lineStart(replaced.end + 1) : lines.lineEnd(replaced.end);
    if (placement.bare) after = '\n';
  } else {
    // Insert before `line`; past the last line means at the end (never after the empty "line" that follows a final line break).
    const line = Math.min(placement.line, file.text === '' || file.text.endsWith('\n') ? lines.lineCount - 1 : lines.lineCount);
    offset = end = line < lines.lineCount ? lines.lineStart(line) : file.text.length;
    if (offset === file.text.length && file.text !== '' && !file.text.endsWith('\n')) lead = '\n';
    if (placement.bare) after = '\n';
    else {
      space = '\n'.repeat(hasContent(structure, 0, line - 1) ? Math.max(0, blankLines - blankRun(structure, line - 1, -1)) : 0);
      after = '\n' + '\n'.repeat(hasContent(structure, line, lines.lineCount - 1) ? Math.max(0, blankLines - blankRun(structure, line, 1)) : 0);
    }
  }

  const edits: TextEdit[] = [];
  if (needed.length) {
    const where = importLine(structure, isReplaced);
    const importOffset = where.line < lines.lineCount ? lines.lineStart(where.line) : file.text.length;
    const imports = needed.join('\n') + '\n';
    if (importOffset >= offset) {
      // The imports' place is where the code goes (an empty file, right after the imports) or after it
      // (imports inside or below a replaced region): they go first in the code's edit.
      space = (where.afterImports ? '' : space) + imports + '\n'.repeat(placement.bare ? 0 : blankLines);
    } else {
      const nextBlank = where.line >= lines.lineCount || lines.isBlank(where.line);
      const importLead = importOffset === file.text.length && file.text !== '' && !file.text.endsWith('\n') ? '\n' : '';
      edits.push({ offset: importOffset, length: 0, newText: withEol(importLead + imports + (where.afterImports || nextBlank ? '' : '\n'.repeat(blankLines)), eol) });
    }
  }
  const before = lead + space;
  const codeEdit: TextEdit = { offset, length: end - offset, newText: withEol(before + body + after, eol) };
  edits.push(codeEdit);
  edits.sort((a, b) => a.offset - b.offset);
  const text = applyEdits(file.text, edits);

  // Where the body landed in the new text.
  const shift = edits.filter((e) => e.offset < codeEdit.offset).reduce((n, e) => n + e.newText.length - e.length, 0);
  const bodyOffset = codeEdit.offset + shift + withEol(before, eol).length;
  const startLine = text.slice(0, bodyOffset).split('\n').length - 1;
  const codeLines = { start: startLine, end: startLine + body.split('\n').length - 1 };
  return { language, target, edits, text, entryName: code.entryName, codeLines, notices };
}

/**
 * Generates with names that do not clash: shared helpers already in the file with the same text
 * are left out (reused); a helper name taken by something else, or a block/entry name taken,
 * gets the smallest number that frees it.
 */
function chooseNames(arch: ArchitectureSpec, target: CodeTarget, base: GenerateOptions, existing: Set<string>, keptText: string): { code: GeneratedCode; sections: GeneratedCode['sections'] } {
  const helpersFit = (code: GeneratedCode): boolean => code.sections.filter((s) => s.kind === 'helper').every((s) => keptText.includes(s.text) || !existing.has(s.name));
  let helperSuffix = '';
  for (let n = 2; !helpersFit(generateCode(arch, target, { ...base, helperSuffix })); n++) helperSuffix = String(n);
  const othersFit = (code: GeneratedCode): boolean =>
    code.sections.filter((s) => s.kind !== 'helper' && !(s.kind === 'entry' && base.entryName)).every((s) => !existing.has(s.name));
  let suffix = '';
  for (let n = 2; !othersFit(generateCode(arch, target, { ...base, helperSuffix, suffix })); n++) suffix = String(n);
  const code = generateCode(arch, target, { ...base, helperSuffix, suffix });
  if (base.entryName && existing.has(base.entryName)) {
    throw new Error(`This file already defines "${base.entryName}"; choose another name for the architecture's entry.`);
  }
  return { code, sections: code.sections.filter((s) => !(s.kind === 'helper' && keptText.includes(s.text))) };
}

/** Number of blank lines from `line` going in `step` direction (stops at the first non-blank). */
function blankRun(structure: SourceStructure, line: number, step: 1 | -1): number {
  const last = structure.text === '' || structure.text.endsWith('\n') ? structure.lines.lineCount - 2 : structure.lines.lineCount - 1;
  let n = 0;
  for (let l = line; l >= 0 && l <= last && structure.lines.isBlank(l); l += step) n++;
  return n;
}

function hasContent(structure: SourceStructure, from: number, to: number): boolean {
  for (let l = Math.max(0, from); l <= to && l < structure.lines.lineCount; l++) if (!structure.lines.isBlank(l)) return true;
  return false;
}

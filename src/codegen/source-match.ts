/**
 * Reads a user's model source (the teacher's, usually) against a run's teacher blocks: where the
 * model is defined (for a CodeLens above it and as the region an insertion replaces) and which
 * lines hold each teacher block (for decorations showing what the student chose there). Region
 * markers (markers.ts) win over layer-name matching (name-matching.ts); blocks found by neither
 * are reported with the reason and what to add, so the caller can fall back to a plain diff.
 */
import type { CodeTarget } from '../shared/protocol';
import { detectPythonTarget, type SourceLanguage } from './language';
import type { LineRange } from './lines';
import { markerSyntax, parseMarkers, type RegionMarker, type SourceProblem } from './markers';
import { findNameMentions, type BlockNames } from './name-matching';
import type { SourceStructure, TopLevelStatement } from './source-structure';
import { structureOf } from './structure';

export type { SourceProblem } from './markers';

/** A teacher block as the run describes it (TeacherBlockInfo has these fields). */
export interface BlockRef extends BlockNames {
  index?: number;
}

export interface BlockMatch {
  index: number;
  name: string;
  via: 'marker' | 'names';
  /** The block's main lines: the marked region's content, or the first cluster of name mentions. */
  range: LineRange;
  /** Every cluster of lines (e.g. PyTorch `__init__` and `forward`); `range` is the first. */
  ranges: LineRange[];
  /** Teacher layer names of the block found in the file (all of them for a marked block). */
  matchedLayers: string[];
}

export interface UnmatchedBlock {
  index: number;
  name: string;
  reason: string;
}

export interface ModelLocation {
  via: 'marker' | 'definition';
  /** The function or class that builds the model, when there is one (inside the marked region, or the detected definition). */
  name?: string;
  kind?: 'function' | 'class' | 'variable';
  /** Whether that definition is exported (TS/JS `export`), so a replacement keeps it exported. */
  exported: boolean;
  /** Where a CodeLens goes: the marker line, or the definition's first line (its doc comment's). */
  lensLine: number;
  /** The lines a replacement replaces: the marked region's content, or the definition with its doc comment. */
  range: LineRange;
}

export interface SourceAnalysis {
  language: SourceLanguage;
  /** The framework the file uses, when its language or imports tell (`undefined` for a Python file importing neither). */
  target?: CodeTarget;
  model?: ModelLocation;
  /** Matched blocks, in the teacher's block order. */
  blocks: BlockMatch[];
  unmatched: UnmatchedBlock[];
  /** Marker mistakes, with their lines. */
  problems: SourceProblem[];
}

export function analyzeSource(text: string, language: SourceLanguage, blocks: readonly BlockRef[]): SourceAnalysis {
  return analyzeStructure(structureOf(text, language), blocks);
}

export function analyzeStructure(structure: SourceStructure, blocks: readonly BlockRef[]): SourceAnalysis {
  const language = structure.language;
  const { markers, problems } = parseMarkers(structure);
  const indexOf = (b: BlockRef, i: number): number => b.index ?? i;

  // Block markers: the first per block counts; unknown names are problems.
  const byBlock = new Map<string, RegionMarker>();
  for (const m of markers.filter((m) => m.kind === 'block')) {
    if (!blocks.some((b) => b.name === m.block)) {
      problems.push({ line: m.openLine, message: `No teacher block is named "${m.block}"; the run's blocks are ${blocks.map((b) => b.name).join(', ') || '(none)'}.` });
    } else if (byBlock.has(m.block!)) {
      problems.push({ line: m.openLine, message: `Block "${m.block}" is already marked at line ${byBlock.get(m.block!)!.openLine + 1}; this second marker is ignored.` });
    } else byBlock.set(m.block!, m);
  }
  const blockMarkers = [...byBlock.values()];
  const insideBlockMarker = (line: number): boolean => blockMarkers.some((m) => m.openLine <= line && line <= m.closeLine);
  const mentions = findNameMentions(structure, blocks, insideBlockMarker);

  const matches: BlockMatch[] = [];
  const unmatched: UnmatchedBlock[] = [];
  blocks.forEach((block, i) => {
    const marker = byBlock.get(block.name);
    if (marker) {
      const range = contentLines(marker);
      matches.push({ index: indexOf(block, i), name: block.name, via: 'marker', range, ranges: [range], matchedLayers: [...block.layers] });
    } else if (mentions[i].ranges.length) {
      matches.push({ index: indexOf(block, i), name: block.name, via: 'names', range: mentions[i].ranges[0], ranges: mentions[i].ranges, matchedLayers: mentions[i].matchedLayers });
    } else {
      const sample = block.layers.slice(0, 3).map((l) => `"${l}"`).join(', ') + (block.layers.length > 3 ? ', ...' : '');
      const syntax = markerSyntax(language, `block ${block.name}`);
      unmatched.push({
        index: indexOf(block, i),
        name: block.name,
        reason: `None of the ${block.layers.length} layer names of teacher block "${block.name}" (${sample}) appear in this file, and no marker names it. Put its lines between "${syntax.open}" and "${syntax.close}".`,
      });
    }
  });

  const target: CodeTarget | undefined = language === 'typescript' ? 'tfjs-ts' : language === 'javascript' ? 'tfjs-js' : detectPythonTarget(structure.text);
  const model = locateModel(structure, markers, matches);
  return { language, target, model, blocks: matches, unmatched, problems };
}

/** Lines strictly between a marker pair (the marker line itself when the region is empty). */
function contentLines(m: RegionMarker): LineRange {
  return m.closeLine > m.openLine + 1 ? { start: m.openLine + 1, end: m.closeLine - 1 } : { start: m.openLine, end: m.openLine };
}

/** The model region: the marked one, else the definition that holds most block lines or builds a model. */
function locateModel(structure: SourceStructure, markers: RegionMarker[], matches: BlockMatch[]): ModelLocation | undefined {
  const definitions = structure.statements.filter((s) => s.kind === 'function' || s.kind === 'class' || (s.kind === 'variable' && definesFunction(structure, s)));
  const marked = markers.find((m) => m.kind === 'model');
  if (marked) {
    const inside = definitions.filter((d) => d.startLine > marked.openLine && d.endLine < marked.closeLine);
    // Inside a marked region, without other clues the last definition is the model (helpers come first).
    const best = bestDefinition(structure, inside, matches) ?? inside[inside.length - 1];
    const range = marked.closeLine > marked.openLine + 1 ? { start: marked.openLine + 1, end: marked.closeLine - 1 } : { start: marked.openLine + 1, end: marked.openLine };
    return { via: 'marker', name: best?.name, kind: best ? (best.kind as ModelLocation['kind']) : undefined, exported: best?.exported ?? false, lensLine: marked.openLine, range };
  }
  const best = bestDefinition(structure, definitions, matches);
  if (!best) return undefined;
  return { via: 'definition', name: best.name, kind: best.kind as ModelLocation['kind'], exported: best.exported, lensLine: best.docStartLine, range: { start: best.docStartLine, end: best.endLine } };
}

function bestDefinition(structure: SourceStructure, definitions: TopLevelStatement[], matches: BlockMatch[]): TopLevelStatement | undefined {
  let best: TopLevelStatement | undefined;
  let bestScore = [0, 0];
  for (const d of definitions) {
    const lines = new Set<number>();
    for (const m of matches) for (const r of m.ranges) for (let l = Math.max(r.start, d.startLine); l <= Math.min(r.end, d.endLine); l++) lines.add(l);
    const score = [lines.size, buildsModel(structure, d) ? 1 : 0];
    // Later definitions win ties: a file's model usually comes after its helpers.
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] >= bestScore[1] && score[0] + score[1] > 0)) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function definesFunction(structure: SourceStructure, s: TopLevelStatement): boolean {
  for (let i = s.firstToken; i <= s.lastToken; i++) {
    const t = structure.tokens[i];
    if (t.depth === 0 && (t.text === '=>' || t.text === 'function')) return true;
    if (t.depth === 0 && t.text === '>' && structure.tokens[i - 1]?.text === '=') return true;
  }
  return false;
}

/** Whether a definition builds a model: tf.model()/tf.sequential(), keras Model()/Sequential(), or a torch nn.Module subclass. */
function buildsModel(structure: SourceStructure, d: TopLevelStatement): boolean {
  const t = structure.tokens;
  if (structure.language === 'python' && d.kind === 'class') {
    for (let i = d.firstToken; i <= d.lastToken && t[i].text !== ':'; i++) if (t[i].text === 'Module') return true;
    return false;
  }
  for (let i = d.firstToken; i < d.lastToken; i++) {
    if (t[i].kind !== 'ident' || t[i + 1].text !== '(') continue;
    if (structure.language === 'python' ? t[i].text === 'Model' || t[i].text === 'Sequential' : (t[i].text === 'model' || t[i].text === 'sequential') && t[i - 1]?.text === '.') return true;
  }
  return false;
}

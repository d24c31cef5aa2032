/**
 * Region markers: comments a user adds to say which lines are the model, or which lines are one
 * teacher block, when the layer names alone cannot tell (or to override them). They use the
 * editor's own folding-region syntax, so marked code also folds:
 *
 *   TypeScript / JavaScript            Python
 *   // #region dna-search: model       # region dna-search: model
 *   ...                                ...
 *   // #region dna-search: block stage1    # region dna-search: block stage1
 *   ...                                ...
 *   // #endregion                      # endregion
 *   // #endregion                      # endregion
 *
 * `#region`/`region` and `#endregion`/`endregion` are both accepted after the comment sign.
 * Each `#endregion` closes the innermost open region, also regions that are not DNA Search's.
 */
import type { SourceLanguage } from './language';
import type { SourceStructure } from './source-structure';

export interface RegionMarker {
  kind: 'model' | 'block';
  /** The block name written in a block marker. */
  block?: string;
  openLine: number;
  closeLine: number;
}

export interface SourceProblem {
  line: number;
  message: string;
}

const REGION = /^(?:\/\/|#)\s*#?\s*(region|endregion)\b\s*(.*)$/;
const DNA = /^dna-search\s*:\s*(.*)$/i;

/** How the markers are written in a language (for messages that tell the user what to type). */
export function markerSyntax(language: SourceLanguage, what: string): { open: string; close: string } {
  return language === 'python' ? { open: `# region dna-search: ${what}`, close: '# endregion' } : { open: `// #region dna-search: ${what}`, close: '// #endregion' };
}

export function parseMarkers(structure: SourceStructure): { markers: RegionMarker[]; problems: SourceProblem[] } {
  const markers: RegionMarker[] = [];
  const problems: SourceProblem[] = [];
  const open: { line: number; kind?: 'model' | 'block'; block?: string }[] = [];
  const example = markerSyntax(structure.language, 'block <name>').open;
  for (const t of structure.tokens) {
    if (t.kind !== 'comment') continue;
    const m = REGION.exec(t.text.trim());
    if (!m) continue;
    const line = structure.lines.lineAt(t.start);
    if (m[1] === 'endregion') {
      const region = open.pop();
      if (region?.kind) markers.push({ kind: region.kind, block: region.block, openLine: region.line, closeLine: line });
      continue;
    }
    const dna = DNA.exec(m[2].trim());
    if (!dna) {
      open.push({ line }); // someone else's region: track it so its #endregion pairs up
      continue;
    }
    const spec = dna[1].trim();
    const block = /^block\s+(\S+)$/.exec(spec);
    if (spec === 'model') open.push({ line, kind: 'model' });
    else if (block) open.push({ line, kind: 'block', block: block[1] });
    else {
      problems.push({ line, message: `Unknown DNA Search marker "dna-search: ${spec}"; write "dna-search: model" or "dna-search: block <name>" (e.g. ${example}).` });
      open.push({ line });
    }
  }
  for (const region of open) {
    if (region.kind) problems.push({ line: region.line, message: `This "dna-search: ${region.kind === 'model' ? 'model' : `block ${region.block}`}" region is never closed; add ${markerSyntax(structure.language, '').close} after its last line.` });
  }
  markers.sort((a, b) => a.openLine - b.openLine);
  return { markers, problems };
}

/**
 * Edits as data: what an extension turns into one WorkspaceEdit (offsets are UTF-16 code units
 * of the text the edits were computed on, like VS Code's document.positionAt expects).
 */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** Applies non-overlapping edits (any order) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error(`Overlapping edits at offset ${e.offset}`);
    out += text.slice(at, e.offset) + e.newText;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

/**
 * Small formatting pieces shared by the generators: exact number formatting, literals, and the
 * descriptive text (params, FLOPs, provenance, ops) that every generated file states about the
 * architecture it builds. Deterministic on purpose (no locale): tests compare generated text.
 */
import type { ArchitectureSpec, ChosenBlock } from '../shared/architecture';
import { architectureCost, type Cost } from '../shared/cost';
import { opId } from '../shared/search-space';

/** 1234567 -> "1,234,567". */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1234567 -> "1.23M"; 12345 -> "12.3k". */
export function shortCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function describeCost(cost: Cost): string {
  return `${groupDigits(cost.params)} params, ${groupDigits(cost.flops)} FLOPs (${shortCount(cost.flops)} multiply-adds)`;
}

/** A number as a source literal that reads back to the same value: 0.010000000000000009 -> "0.01". */
export function numberLiteral(n: number): string {
  return String(Number(n.toPrecision(12)));
}

export function shapeText(shape: readonly number[]): string {
  return shape.join('x');
}

/** "k3e6" or "k3e6 x2"-style list of a block's layer ops. */
export function blockOpsText(block: ChosenBlock): string {
  return block.ops.map(opId).join(', ');
}

/** One line describing a chosen block (used in its function/class doc comment). */
export function describeBlock(block: ChosenBlock, cost: Cost): string {
  const layers = block.ops.length === 1 ? '1 layer' : `${block.ops.length} layers`;
  return `Block "${block.name}": ${shapeText(block.inputShape)} -> ${shapeText(block.outputShape)}, stride ${block.stride}, width ${block.width}; ${layers}: ${blockOpsText(block)}; ${describeCost(cost)}.`;
}

/** The doc lines of a whole generated model: what it is, its exact cost and where it came from. */
export function describeArchitecture(arch: ArchitectureSpec): string[] {
  const cost = architectureCost(arch);
  const lines = [
    `${arch.name}: a network found by DNA Search (block-wise distillation architecture search).`,
    `Input ${shapeText(arch.inputShape)} -> ${arch.numClasses} classes; ${describeCost(cost)}.`,
  ];
  const from = [arch.provenance?.runId ? `run ${arch.provenance.runId}` : '', arch.provenance?.note ?? ''].filter(Boolean).join(': ');
  if (from) lines.push(`From ${from}.`);
  lines.push(`Blocks: ${arch.blocks.map((b) => `${b.name} [${b.ops.map(opId).join('-')}]`).join(', ')}.`);
  lines.push(
    `Stem and head are the teacher's. Ops are MBConv k<kernel>e<expansion>, squeeze-excite ${arch.family.seRatio > 0 ? `ratio ${numberLiteral(arch.family.seRatio)}` : 'off'}, activation ${arch.family.activation}.`,
  );
  return lines;
}

export function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function pyString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Breaks long prose lines at spaces so doc comments stay readable (about `width` columns); JSDoc tags stay whole. */
export function wrapLines(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@')) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) break;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out;
}

const DOC_WIDTH = 96;

/** A JSDoc block from lines (wrapped; no trailing spaces on empty lines). */
export function jsDoc(lines: string[], indent = ''): string {
  const body = wrapLines(lines, DOC_WIDTH - indent.length - 3);
  return [`${indent}/**`, ...body.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join('\n');
}

/** A Python docstring from lines (wrapped), indented for the body it opens. */
export function pyDoc(lines: string[], indent: string): string {
  const body = wrapLines(lines, DOC_WIDTH - indent.length);
  if (body.length === 1) return `${indent}"""${body[0]}"""`;
  return [`${indent}"""${body[0]}`, ...body.slice(1).map((l) => (l === '' ? '' : indent + l)), `${indent}"""`].join('\n');
}

/**
 * Batch norm of every MBConv layer. The engine's builder has the same constant (MBCONV_BN in
 * src/engine/model/build-architecture.ts, which imports TF.js and so cannot be imported here);
 * a unit test keeps the two equal.
 */
export const BLOCK_BATCH_NORM = { epsilon: 1e-3, momentum: 0.99 } as const;

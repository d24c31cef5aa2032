/** The table a finished search ends with: teacher vs found architecture. */
import type { Summary } from '../run/run-artifacts';

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;

export function summaryTable(s: Summary, teacherBlocks: { name: string; layers: number }[]): string {
  const rows: string[][] = [
    ['', 'teacher', 'found', 'found / teacher'],
    ['params', fmt(s.teacher.params), fmt(s.student.params), ratio(s.student.params, s.teacher.params)],
    ['FLOPs (mult-adds)', fmt(s.teacher.flops), fmt(s.student.flops), ratio(s.student.flops, s.teacher.flops)],
    ['test accuracy', pct(s.teacher.testAccuracy), pct(s.student.testAccuracy), ratio(s.student.testAccuracy, s.teacher.testAccuracy)],
    ...s.student.blocks.map((b, i) => [`block ${i} ${b.name}`, `${teacherBlocks[i]?.layers ?? '?'} layers`, b.ops.join(' '), `${b.ops.length} MBConv`]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  const times = Object.entries(s.phaseSeconds).map(([p, sec]) => `${p} ${sec.toFixed(0)} s`).join(', ');
  return [line(rows[0]), sep, ...rows.slice(1).map(line), '', `time per phase: ${times}`].join('\n');
}

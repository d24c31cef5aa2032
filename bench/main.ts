/**
 * `npm run bench` — speed and memory figures (never part of the tests).
 *   npm run bench                         every benchmark
 *   npm run bench -- --only mbconv-step   one of them (comma-separate several)
 *   npm run bench -- --list               what exists, and the flags each understands
 *   npm run bench -- --steps 100 ...      --name value flags go to the benchmarks
 */
import { BENCHMARKS } from './registry';
import type { BenchTable } from './benchmark';

function parseArgs(argv: string[]): { only?: string[]; list: boolean; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  let only: string[] | undefined;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list' || a === '--help') list = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      flags.set(name, inline ?? argv[++i] ?? '');
    } else throw new Error(`unexpected argument "${a}"; flags look like --name value`);
  }
  return { only, list, flags };
}

function printTable(t: BenchTable): void {
  const cells = [t.columns, ...t.rows.map((r) => r.map(String))];
  const widths = t.columns.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  console.log(`\n${t.title}`);
  console.log(line(t.columns));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells.slice(1)) console.log(line(r));
  for (const n of t.notes) console.log(`  ${n}`);
}

async function main(): Promise<void> {
  const { only, list, flags } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const b of BENCHMARKS) {
      console.log(`${b.name}: ${b.summary}`);
      for (const [f, d] of Object.entries(b.flags ?? {})) console.log(`    --${f}  ${d}`);
    }
    return;
  }
  const unknown = (only ?? []).filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const chosen = only ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
  for (const b of chosen) {
    console.log(`\n=== ${b.name}: ${b.summary}`);
    const tables = await b.run({ flags, log: (l) => console.log(`  ${l}`) });
    tables.forEach(printTable);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

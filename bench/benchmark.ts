/** What a benchmark is and what it hands back to bench/main.ts for printing. */

export interface BenchOptions {
  /** `--name value` pairs from the command line, for benchmark-specific settings. */
  flags: Map<string, string>;
  log: (line: string) => void;
}

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (method, caveats, targets met or not). */
  notes: string[];
}

export interface Benchmark {
  name: string;
  summary: string;
  /** Flags it understands, for --help. */
  flags?: Record<string, string>;
  run(opts: BenchOptions): Promise<BenchTable[]>;
}

/** Integer flag with a default; a bad value is an error that names the flag. */
export function intFlag(opts: BenchOptions, name: string, fallback: number): number {
  const raw = opts.flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

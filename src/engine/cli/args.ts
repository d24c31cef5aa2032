/** Command-line parsing for `dna` (dist/cli.js), on node:util's parseArgs. */
import { parseArgs } from 'node:util';

export const USAGE = `DNA Search — block-wise distillation neural architecture search

Usage:
  node dist/cli.js search [--preset default|quick | --config FILE] [options]
  node dist/cli.js search --resume RUN_DIR [--backend ...] [--workers ...]
  node dist/cli.js train-teacher [--epochs N] [--out DIR]
  node dist/cli.js schema [--out FILE]
  node dist/cli.js validate FILE

Search options:
  --preset NAME          built-in config: 'default' (full demo, Fashion-MNIST) or 'quick' (~1 minute)
  --config FILE          a search config (JSON; schema: schemas/search-config.schema.json)
  --resume RUN_DIR       continue a stopped or crashed run where it stopped
  --runs-dir DIR         where new run folders go (default: ./runs)
  --backend KIND         auto | tensorflow-gpu | tensorflow | wasm | cpu (default: from config, auto)
  --workers N|auto       parallel block-training processes (default: one per core or GPU)
  --budget-flops F       FLOPs budget as a fraction of the teacher's (e.g. 0.5)
  --budget-params F      params budget as a fraction of the teacher's
  --json                 print events as JSON lines on stdout instead of progress bars
  -h, --help             this help
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendArg = (typeof BACKENDS)[number];

export interface SearchArgs {
  command: 'search';
  preset?: string;
  config?: string;
  resume?: string;
  runsDir: string;
  backend?: BackendArg;
  workers?: number | 'auto';
  budgetFlops?: number;
  budgetParams?: number;
  json: boolean;
}

export type CliArgs =
  | SearchArgs
  | { command: 'train-teacher'; epochs?: number; out?: string }
  | { command: 'schema'; out?: string }
  | { command: 'validate'; file: string }
  | { command: 'help' };

function fraction(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new UsageError(`${flag} must be a fraction in (0, 1], got "${v}"`);
  return n;
}

export function parseCli(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      preset: { type: 'string' },
      config: { type: 'string' },
      resume: { type: 'string' },
      'runs-dir': { type: 'string' },
      backend: { type: 'string' },
      workers: { type: 'string' },
      'budget-flops': { type: 'string' },
      'budget-params': { type: 'string' },
      json: { type: 'boolean', default: false },
      epochs: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) return { command: 'help' };
  switch (command) {
    case 'search': {
      const given = [values.preset, values.config, values.resume].filter((v) => v !== undefined).length;
      if (given > 1) throw new UsageError('give only one of --preset, --config and --resume');
      if (values.backend !== undefined && !(BACKENDS as readonly string[]).includes(values.backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${values.backend}"`);
      let workers: number | 'auto' | undefined;
      if (values.workers !== undefined) {
        workers = values.workers === 'auto' ? 'auto' : Number(values.workers);
        if (workers !== 'auto' && !(Number.isInteger(workers) && workers > 0)) throw new UsageError(`--workers must be a positive whole number or "auto", got "${values.workers}"`);
      }
      return {
        command,
        preset: values.preset ?? (given === 0 ? 'default' : undefined),
        config: values.config,
        resume: values.resume,
        runsDir: values['runs-dir'] ?? 'runs',
        backend: values.backend as BackendArg | undefined,
        workers,
        budgetFlops: fraction(values['budget-flops'], '--budget-flops'),
        budgetParams: fraction(values['budget-params'], '--budget-params'),
        json: values.json ?? false,
      };
    }
    case 'train-teacher': {
      const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
      if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) throw new UsageError(`--epochs must be a positive whole number, got "${values.epochs}"`);
      return { command, epochs, out: values.out };
    }
    case 'schema':
      return { command, out: values.out };
    case 'validate':
      if (!rest[0]) throw new UsageError('validate needs a config file: node dist/cli.js validate my-search.json');
      return { command, file: rest[0] };
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

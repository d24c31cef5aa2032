/**
 * The headless CLI (`npm run search`, or `node dist/cli.js ...` on a server). Exit codes:
 * 0 completed, 1 the run failed (its folder keeps every finished phase), 2 bad input or usage
 * (nothing was written), 130 stopped with Ctrl-C (resume with --resume).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { searchConfigJsonSchema } from '../../shared/config/json-schema';
import { formatProblems } from '../../shared/config/locate-issues';
import { validateConfigText } from '../../shared/config/validate-config';
import { loadConfig, type ConfigOverrides } from '../run/load-config';
import { preflight } from '../run/phases/prepare';
import { initBackend } from '../backend';
import { readArtifact } from '../run/run-artifacts';
import { runSearch, type SearchRequest } from '../run/run-search';
import { parseCli, UsageError, USAGE, type SearchArgs } from './args';
import { ProgressDisplay } from './progress-display';
import { summaryTable } from './summary-table';

/** How to continue a run, spelled as this CLI was started (from any folder, or by `npm run search`). */
function resumeCommand(runDir: string): string {
  const script = process.argv[1] ?? 'dist/cli.js';
  const fromHere = relative(process.cwd(), script);
  return `node ${fromHere && !fromHere.startsWith('..') ? fromHere : script} search --resume ${runDir}`;
}

async function search(args: SearchArgs): Promise<number> {
  const overrides: ConfigOverrides = { backend: args.backend, workers: args.workers };
  if (args.budgetFlops !== undefined || args.budgetParams !== undefined) overrides.budget = { flopsFraction: args.budgetFlops, paramsFraction: args.budgetParams };
  const request: SearchRequest = args.resume
    ? { kind: 'resume', runDir: args.resume, overrides }
    : { kind: 'new', source: args.config ? { file: args.config } : { preset: args.preset ?? 'default' }, runsDir: resolve(args.runsDir), overrides };

  const display = args.json ? undefined : new ProgressDisplay();
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nStopping: checkpointing the running jobs (Ctrl-C again to quit at once)…\n');
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());

  const outcome = await runSearch(request, {
    signal: controller.signal,
    onEvent: (e) => (display ? display.handle(e) : process.stdout.write(`${JSON.stringify(e)}\n`)),
  });
  display?.finish();
  if (outcome.status === 'completed' && outcome.summary) {
    const teacher = readArtifact(outcome.runDir, 'teacher');
    if (!args.json) process.stdout.write(`\n${summaryTable(outcome.summary, teacher.cut.blocks.map((b) => ({ name: b.name, layers: b.layers.length })))}\n\nRun folder: ${outcome.runDir}\nRetrained model: ${outcome.runDir}/model/model.json\n`);
    return 0;
  }
  if (outcome.status === 'stopped') {
    process.stderr.write(`Stopped. Continue with: ${resumeCommand(outcome.runDir)}\n`);
    return 130;
  }
  process.stderr.write(`\nThe search failed: ${outcome.error?.message}\nFinished phases are kept; after fixing the cause, continue with: ${resumeCommand(outcome.runDir)}\n`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'search':
      return search(args);
    case 'train-teacher': {
      const { trainBuiltinTeacher } = await import('../teacher/train-builtin-teacher');
      await trainBuiltinTeacher({ epochs: args.epochs, outDir: args.out });
      return 0;
    }
    case 'schema': {
      const text = `${JSON.stringify(searchConfigJsonSchema(), null, 2)}\n`;
      if (!args.out) process.stdout.write(text);
      else {
        mkdirSync(dirname(resolve(args.out)), { recursive: true });
        writeFileSync(resolve(args.out), text);
        process.stderr.write(`wrote ${args.out}\n`);
      }
      return 0;
    }
    case 'validate': {
      const file = resolve(args.file);
      const r = validateConfigText(readFileSync(file, 'utf8'));
      if (!r.ok) {
        process.stderr.write(`${formatProblems(file, r.problems)}\n`);
        return 2;
      }
      // Everything a search checks before it creates a run folder: the data and teacher files
      // load, the cuts exist, the budget is reachable. On cpu: loading needs no fast backend.
      try {
        await initBackend('cpu');
        await preflight(loadConfig({ file }).config);
      } catch (e) {
        process.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
      }
      process.stdout.write(`${file}: valid (schema, data, teacher and budget checked)\n`);
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`${err instanceof UsageError ? `${err.message}\n\n${USAGE}` : `error: ${err.message}`}\n`);
    process.exit(2);
  },
);

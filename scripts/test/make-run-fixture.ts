/**
 * Makes test/fixtures/runs/quick/: a REAL finished run of the built-in quick preset (the engine
 * through its CLI, dist/cli.js, exactly as `npm run search -- --preset quick` runs it), trimmed to
 * what the panel and the Runs tree read — events.jsonl and the small JSON files — so webview and
 * e2e tests can replay a real run in milliseconds instead of training one.
 *
 *   node --import tsx scripts/test/make-run-fixture.ts [--out DIR]
 *
 * Left out: the teacher feature cache, the supernet and retraining checkpoints (weights, and only
 * for resuming), and the retrained model's weights unless they are small. Machine paths (the
 * temporary runs folder, the repository's location) are rewritten to repository-relative ones, so
 * the fixture is the same wherever it was made. Re-run it when the run format or the quick preset
 * changes; the tests that replay it check it against the current schemas.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RUN_FILES } from '../../src/shared/run-layout';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'test/fixtures/runs/quick') } } });
const out = resolve(values.out!);
/** Where the fixture says it lives (the run-started event's runDir and any path into the run). */
const FIXTURE_RUN_DIR = relative(root, out).split('\\').join('/');
/** The retrained model is kept when its files are this small (a quick student is ~1 MB: left out). */
const MAX_MODEL_BYTES = 256 * 1024;

/** The run folder's files that the panel, the Runs tree and the code features read: a finished run has them all. */
const REQUIRED_FILES = [RUN_FILES.manifest, RUN_FILES.config, RUN_FILES.events, RUN_FILES.teacher, RUN_FILES.space, RUN_FILES.pareto, RUN_FILES.architecture, RUN_FILES.summary];
/** Kept when the engine writes them. */
const OPTIONAL_FILES = [RUN_FILES.env];

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

function onlySubfolder(dir: string): string {
  const dirs = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory());
  if (dirs.length !== 1) throw new Error(`expected one run folder in ${dir}, found ${dirs.length}: ${dirs.join(', ')}`);
  return join(dir, dirs[0]);
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

/** The text with the run's temporary folder and the repository's location replaced by repository-relative paths. */
function withoutMachinePaths(text: string, runDir: string): string {
  const asJson = (s: string) => JSON.stringify(s).slice(1, -1);
  return text.split(asJson(runDir)).join(FIXTURE_RUN_DIR).split(asJson(`${root}/`)).join('').split(asJson(root)).join('.');
}

function main(): void {
  run(process.execPath, ['esbuild.mjs', '--quiet'], 'the build');
  if (!existsSync(join(root, 'models/fashion-mnist-mobilenetv2/model.json'))) {
    throw new Error('the built-in teacher (models/fashion-mnist-mobilenetv2/model.json) is missing: train it with `npm run train-teacher` first');
  }
  const runsDir = mkdtempSync(join(tmpdir(), 'dna-run-fixture-'));
  try {
    const t0 = Date.now();
    // --json: events on stdout instead of progress bars (quiet in a log); they are in events.jsonl anyway.
    const r = spawnSync(process.execPath, ['dist/cli.js', 'search', '--preset', 'quick', '--runs-dir', runsDir, '--json'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`the quick search failed (exit ${r.status ?? r.signal}); see the messages above`);
    const runDir = onlySubfolder(runsDir);
    console.log(`quick search finished in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${runDir}`);

    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(out, RUN_FILES.rankings), { recursive: true });
    const copyText = (from: string, to: string) => writeFileSync(to, withoutMachinePaths(readFileSync(from, 'utf8'), runDir));
    const missing = REQUIRED_FILES.filter((f) => !existsSync(join(runDir, f)));
    if (missing.length) throw new Error(`the finished run ${runDir} has no ${missing.join(', ')}`);
    for (const f of [...REQUIRED_FILES, ...OPTIONAL_FILES.filter((o) => existsSync(join(runDir, o)))]) copyText(join(runDir, f), join(out, f));
    for (const f of readdirSync(join(runDir, RUN_FILES.rankings))) copyText(join(runDir, RUN_FILES.rankings, f), join(out, RUN_FILES.rankings, f));
    const modelBytes = folderBytes(join(runDir, RUN_FILES.model));
    if (modelBytes <= MAX_MODEL_BYTES) cpSync(join(runDir, RUN_FILES.model), join(out, RUN_FILES.model), { recursive: true });
    else console.log(`left out the retrained model (${(modelBytes / 1024).toFixed(0)} KiB > ${MAX_MODEL_BYTES / 1024} KiB)`);
    const kept = new Set(readdirSync(out));
    const left = readdirSync(runDir).filter((f) => !kept.has(f));
    console.log(`wrote ${relative(root, out)} (${(folderBytes(out) / 1024).toFixed(0)} KiB); not copied: ${left.join(', ') || 'nothing'}`);
  } catch (err) {
    console.error(`the temporary runs folder is kept for a look: ${runsDir}`);
    throw err;
  }
  rmSync(runsDir, { recursive: true, force: true });
}

main();

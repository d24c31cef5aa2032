// The packaged extension ships bundles, media and metadata only: no sources, tests, source maps,
// bench or CLI bundle, Python caches or node_modules (everything the extension needs is bundled
// into dist/) — and everything the extension does need at run time is in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

// `vsce ls` lists exactly what `vsce package` puts in the .vsix.
const files = execFileSync(resolve(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

test('the .vsix contains no sources, tests, caches or dependencies', () => {
  const forbidden = files.filter(
    (f) =>
      /^(src|test|scripts|node_modules|out|artifacts|bench|webview|scratch)\//.test(f) ||
      f.endsWith('.map') ||
      f.endsWith('.pyc') ||
      f.includes('__pycache__') ||
      f === 'dist/bench.js' ||
      f === 'dist/cli.js',
  );
  assert.deepEqual(forbidden, []);
});

test('the .vsix contains what the extension loads at run time', () => {
  const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' })) as {
    contributes: { jsonValidation: { url: string }[]; viewsContainers: { activitybar: { icon: string }[] } };
  };
  const needed = [
    'package.json',
    'dist/extension.js',
    'dist/extension-services.js',
    'dist/webview.js',
    'dist/webview.css',
    ...pkg.contributes.jsonValidation.map((j) => j.url.replace(/^\.\//, '')),
    ...pkg.contributes.viewsContainers.activitybar.map((c) => c.icon),
    'media/dna.svg',
  ];
  assert.deepEqual(needed.filter((f) => !files.includes(f)), [], `in the .vsix:\n${files.join('\n')}`);
  // The engine the extension forks, and the job processes it forks, when the engine is built.
  for (const f of ['dist/search-child.js', 'dist/block-worker.js']) assert.ok(files.includes(f), `${f} is missing from the .vsix`);
});

// The packaged extension ships bundles, media and metadata only: no sources, tests, source maps,
// bench or CLI bundle, Python caches or node_modules (everything the extension needs is bundled
// into dist/) — and everything the extension does need at run time is in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

test('the .vsix carries the notices of what its bundles contain, and the README its screenshot', () => {
  assert.ok(files.includes('THIRD_PARTY_NOTICES.md'), 'THIRD_PARTY_NOTICES.md is missing from the .vsix');
  const notices = readFileSync(resolve(root, 'THIRD_PARTY_NOTICES.md'), 'utf8');
  for (const pkg of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'zod', 'uplot', '@vscode/webview-ui-toolkit']) assert.match(notices, new RegExp(`^## ${pkg.replace('/', '\\/')} `, 'm'));
  assert.match(notices, /Apache License/);
  assert.doesNotMatch(notices, /ships no licence file/);
  const images = [...readFileSync(resolve(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length > 0);
  for (const img of images) assert.ok(files.includes(img), `${img} (shown in the README) is missing from the .vsix`);
});

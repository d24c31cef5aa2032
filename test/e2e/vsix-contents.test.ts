// The packaged extension ships bundles, media and metadata only: no sources, tests,
// source maps, bench bundle or node_modules (everything the extension needs is bundled into dist/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

test('the .vsix contains no sources, tests or dependencies', () => {
  // `vsce ls` lists exactly what `vsce package` puts in the .vsix.
  const files = execFileSync(resolve(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  assert.ok(files.includes('package.json'), `package.json missing from:\n${files.join('\n')}`);
  assert.ok(files.includes('dist/extension.js'), `dist/extension.js missing from:\n${files.join('\n')}`);
  const forbidden = files.filter(
    (f) =>
      /^(src|test|scripts|node_modules|out|artifacts|bench|webview)\//.test(f) || f.endsWith('.map') || f === 'dist/bench.js',
  );
  assert.deepEqual(forbidden, []);
});

// The extension host must never load TensorFlow.js (the engine lives in the child process), and
// activation must stay cheap. This bundles the two extension entries exactly as esbuild.mjs does
// and checks every module that went in, so an import that drags tfjs in — directly or through
// src/shared — fails here, naming the module that pulled it in.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '../../..');

async function bundle(entry: string) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' }, // as esbuild.mjs builds every Node bundle
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const importersOf = (f: string) => Object.entries(result.metafile.inputs).filter(([, v]) => v.imports.some((x) => x.path === f)).map(([k]) => k);
  return { result, inputs, importersOf, text: result.outputFiles[0].text };
}

for (const entry of ['src/extension/extension.ts', 'src/extension/services.ts']) {
  test(`${entry}: no TensorFlow.js, no engine code, nothing left to require at run time`, async () => {
    const { result, inputs, importersOf, text } = await bundle(entry);
    assert.ok(inputs.includes(entry), 'the metafile lists the entry');
    const forbidden = inputs.filter((i) => /node_modules\/@tensorflow\/|(^|\/)src\/engine\//.test(i));
    assert.deepEqual(forbidden.map((f) => `${f} <- ${importersOf(f).join(', ')}`), []);
    const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    assert.deepEqual([...new Set(externals)].filter((p) => p !== 'vscode' && !/^(node:)?[a-z_/]+$/.test(p)), [], 'only vscode and Node built-ins stay outside');
    // A relative require survives bundling only inside code esbuild cannot follow (UMD wrappers);
    // at run time it fails with "Cannot find module './...'".
    assert.deepEqual(text.match(/\brequire\d*\((["'])\.\.?\/[^"']*\1\)/g) ?? [], [], 'relative requires left in the bundle');
    console.log(`${entry}: ${(text.length / 1024).toFixed(0)} KiB from ${inputs.length} modules`);
  });
}

test('the activation bundle loads no npm package at all (zod and the schemas wait for first use)', async () => {
  const { inputs, importersOf } = await bundle('src/extension/extension.ts');
  const packages = inputs.filter((i) => i.includes('node_modules/'));
  assert.deepEqual(packages.slice(0, 5).map((f) => `${f} <- ${importersOf(f).join(', ')}`), []);
  assert.ok(!inputs.some((i) => i.endsWith('src/extension/services.ts')), 'services.ts is its own bundle, required on first use');
});

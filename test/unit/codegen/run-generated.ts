/**
 * Test helpers that execute generated code for real: TF.js source (TypeScript or JavaScript) is
 * transpiled with the `typescript` package to CommonJS and evaluated with `@tensorflow/tfjs` as
 * its only import; Python is handed to a real interpreter.
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';

/** Evaluates a TF.js module's text and returns its exports. */
export function evaluateTfjsModule(text: string, fileName: string): Record<string, unknown> {
  const js = ts.transpileModule(text, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true },
    reportDiagnostics: true,
  });
  if (js.diagnostics?.length) throw new Error(`${fileName} does not parse: ${ts.flattenDiagnosticMessageText(js.diagnostics[0].messageText, '\n')}`);
  const module = { exports: {} as Record<string, unknown> };
  const requireShim = (id: string): unknown => {
    if (id === '@tensorflow/tfjs') return tf;
    throw new Error(`${fileName} imports "${id}"; generated TF.js code may import only @tensorflow/tfjs`);
  };
  new Function('require', 'exports', 'module', js.outputText)(requireShim, module.exports, module);
  return module.exports;
}

/** Builds the model of a generated TF.js file by calling its entry function. */
export function buildGeneratedTfjs(text: string, fileName: string, entryName: string): tf.LayersModel {
  const exports = evaluateTfjsModule(text, fileName);
  const entry = exports[entryName];
  if (typeof entry !== 'function') throw new Error(`${fileName} does not export a function "${entryName}" (exports: ${Object.keys(exports).join(', ')})`);
  return entry() as tf.LayersModel;
}

/** Type-checks TypeScript files (strict) against the installed @tensorflow/tfjs typings; returns the error messages. */
export function typecheckTypescript(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => files[f] ?? readFile(f);
  host.fileExists = (f) => f in files || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f in files ? ts.createSourceFile(f, files[f], lang, true) : getSourceFile(f, lang, ...rest));
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

/** The first interpreter of the candidates that can import `module`, with why the others could not. */
export function findPython(module: string): { python?: string; tried: string[] } {
  const candidates = [process.env.DNA_SEARCH_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  const tried: string[] = [];
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python, tried };
    const why = r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    tried.push(`${python}: ${why}`);
  }
  return { tried };
}

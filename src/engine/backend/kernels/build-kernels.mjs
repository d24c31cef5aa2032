// Compiles the project's WebAssembly training kernels (AssemblyScript sources in ./assembly)
// into <outDir>/dna-train-kernels.wasm. Called by esbuild.mjs at BUILD time: nothing is ever
// compiled at run time, the engine only loads the finished binary.
//
// The module must be able to share tfjs-backend-wasm's heap, so the build checks what the
// compiler produced: its only import is env.memory, and it has no data segments or globals of
// its own that could overwrite tensors living in that heap.
/* global WebAssembly */
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const KERNEL_WASM_NAME = 'dna-train-kernels.wasm';
export const KERNEL_SOURCE_DIR = join(here, 'assembly');

const ASC_FLAGS = [
  '-O3',
  '--noAssert',
  // share tfjs's memory instead of owning one
  '--importMemory',
  '--noExportMemory',
  // no allocator, no GC: kernels only touch memory they are handed
  '--runtime', 'stub',
  // no abort import (and so no message strings in a data segment)
  '--use', 'abort=',
  '--enable', 'simd',
];

/** Section ids of the wasm binary format that must not appear (data, data count, global). */
const FORBIDDEN_SECTIONS = new Map([[11, 'data'], [12, 'data count'], [6, 'global']]);

function readLeb128(bytes, at) {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const b = bytes[pos++];
    value |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value: value >>> 0, next: pos };
    shift += 7;
  }
}

/** Throws if the compiled module could write anywhere but where its callers point it. */
export function checkKernelModule(bytes) {
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod);
  if (imports.length !== 1 || imports[0].module !== 'env' || imports[0].name !== 'memory' || imports[0].kind !== 'memory') {
    throw new Error(`kernel wasm must import only env.memory, found: ${JSON.stringify(imports)}`);
  }
  let pos = 8; // magic + version
  while (pos < bytes.length) {
    const id = bytes[pos];
    const { value: size, next } = readLeb128(bytes, pos + 1);
    if (FORBIDDEN_SECTIONS.has(id)) throw new Error(`kernel wasm has a ${FORBIDDEN_SECTIONS.get(id)} section; it must own no memory or state`);
    pos = next + size;
  }
  return WebAssembly.Module.exports(mod).map((e) => e.name);
}

/**
 * @param {{ outDir: string, quiet?: boolean }} options
 * @returns {Promise<string>} path of the written .wasm
 */
export async function buildKernelWasm({ outDir, quiet = false }) {
  const asc = (await import('assemblyscript/asc')).default;
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, KERNEL_WASM_NAME);
  const entry = join(KERNEL_SOURCE_DIR, 'index.ts');
  let errors = '';
  const { error } = await asc.main([relative(process.cwd(), entry), '--outFile', outFile, ...ASC_FLAGS], {
    stdout: { write: (s) => (quiet ? true : process.stdout.write(s)) },
    stderr: { write: (s) => ((errors += s), true) },
  });
  if (error) throw new Error(`AssemblyScript failed to compile the training kernels:\n${errors || error.message}`);
  const exports = checkKernelModule(readFileSync(outFile));
  if (!quiet) console.log(`training kernels: ${relative(process.cwd(), outFile)} (${exports.length} exports)`);
  return outFile;
}

// `node src/engine/backend/kernels/build-kernels.mjs [outDir]` builds just the kernels.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ?? join(here, '..', '..', '..', '..', 'dist');
  await buildKernelWasm({ outDir });
}

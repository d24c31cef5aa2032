/**
 * The three WebAssembly globals the pack uses, typed locally: the project compiles against
 * ES2022 + @types/node, which declare no WebAssembly namespace, and a global declaration here
 * could clash with one that arrives later.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

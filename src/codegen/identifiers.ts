/**
 * Identifiers of generated code. Layer names (src/shared/layer-names.ts) are already valid
 * identifier stems; this turns them into each language's conventional function/class names and
 * keeps every top-level name of one generated file distinct.
 */

/** `dna_fashion_a` -> `dnaFashionA`; `stage1` -> `stage1`. */
export function camelCase(name: string): string {
  const parts = name.split('_').filter(Boolean);
  if (parts.length === 0) return 'model';
  return parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

/** `dna_fashion_a` -> `DnaFashionA`. */
export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel[0].toUpperCase() + camel.slice(1);
}

/** Python keywords and the names of nn.Module members a submodule attribute must not shadow. */
const PYTHON_RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
  // torch.nn.Module attributes and methods
  'training', 'forward', 'apply', 'buffers', 'children', 'cpu', 'cuda', 'double', 'eval', 'float', 'half', 'modules',
  'parameters', 'state_dict', 'to', 'train', 'zero_grad', 'bfloat16', 'type', 'share_memory', 'register_buffer',
  'register_parameter', 'add_module', 'get_submodule', 'requires_grad_', 'extra_repr', 'load_state_dict', 'named_modules',
  'named_parameters', 'named_buffers', 'named_children', 'dump_patches', 'call_super_init',
]);

/** A layer name usable as a PyTorch submodule attribute (a trailing `_` where it would clash). */
export function pythonAttribute(name: string): string {
  return PYTHON_RESERVED.has(name) || name.startsWith('__') ? `${name}_` : name;
}

/** Hands out top-level names, numbering any that repeat within one generated file. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly suffix = '') {}

  /** Marks a name as used (e.g. a helper named by another allocator). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  take(base: string): string {
    let name = base + this.suffix;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}${this.suffix}`;
    this.taken.add(name);
    return name;
  }
}

/** One entry point for every target: the code of an architecture in the language asked for. */
import type { ArchitectureSpec } from '../shared/architecture';
import type { CodeTarget } from '../shared/protocol';
import type { GeneratedCode, GenerateOptions } from './generated-code';
import { generateKeras } from './keras';
import { generatePytorch } from './pytorch';
import { generateTfjs } from './tfjs';

export const CODE_TARGETS: readonly CodeTarget[] = ['tfjs-ts', 'tfjs-js', 'keras', 'pytorch'];

/**
 * Source for `arch` in `target`. Throws ArchitectureError (src/shared/architecture-check.ts) with
 * the offending layer named when the spec cannot be built.
 */
export function generateCode(arch: ArchitectureSpec, target: CodeTarget, opts: GenerateOptions = {}): GeneratedCode {
  switch (target) {
    case 'tfjs-ts':
      return generateTfjs(arch, true, opts);
    case 'tfjs-js':
      return generateTfjs(arch, false, opts);
    case 'keras':
      return generateKeras(arch, opts);
    case 'pytorch':
      return generatePytorch(arch, opts);
    default:
      throw new Error(`Unknown code target "${String(target)}"; choose one of ${CODE_TARGETS.join(', ')}`);
  }
}

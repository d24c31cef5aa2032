/**
 * Built-in configs. 'default' is the full demo run on the embedded Fashion-MNIST subset with the
 * committed teacher; 'quick' is the same pipeline shrunk to about a minute for smoke tests.
 */
import type { SearchConfigInput } from './search-config';

export const PRESETS = {
  default: { name: 'fashion-mnist-default' },
  quick: {
    name: 'fashion-mnist-quick',
    space: { depths: [1, 2], ops: [{ kernel: 3, expansion: 3 }, { kernel: 5, expansion: 3 }, { kernel: 3, expansion: 6 }] },
    data: { trainSubset: 2000 },
    distill: { epochs: 1 },
    rank: { heldOutImages: 128, calibrationImages: 64 },
    retrain: { epochs: 2 },
  },
} satisfies Record<string, SearchConfigInput>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

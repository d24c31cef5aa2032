/**
 * The starter config "Start Architecture Search" offers to create: the built-in demo written out
 * with the fields people change first, so it runs as-is and shows where to put their own data
 * and teacher. Comments are allowed (configs are JSON with comments).
 */
export const STARTER_CONFIG_NAME = 'search.dna.json';

export function starterConfigText(name: string): string {
  return `{
  // A DNA Search config. Hover a field for what it means; Ctrl+Space lists the others.
  // Run it with "DNA: Start Architecture Search".
  "name": ${JSON.stringify(name)},
  "data": {
    // Or { "kind": "idx", ... } / { "kind": "image-folder", "train": "...", "test": "..." }
    "dataset": { "kind": "builtin-fashion-mnist", "variant": "subset" }
  },
  "teacher": {
    // Path to your TF.js model.json (relative to this file), or the built-in teacher.
    "model": "builtin:fashion-mnist-mobilenetv2"
  },
  // Find the best student within half of the teacher's FLOPs.
  "budget": { "flopsFraction": 0.5 },
  "distill": { "epochs": 3 },
  "retrain": { "epochs": 8 }
}
`;
}

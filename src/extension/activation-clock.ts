/**
 * Imported first by extension.ts, so this runs before the rest of the bundle is evaluated: the
 * activation figure in the log then covers loading the bundle as well as activate() itself.
 */
export const bundleLoadStartedAt = performance.now();

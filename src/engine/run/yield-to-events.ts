/**
 * Training loops are synchronous tensor work; a stop request arrives as an IPC message, which
 * Node delivers only when the loop yields to the event loop. `maybeYield` yields when at least
 * `everyMs` have passed since the last yield, so a stop is seen within about one step however
 * short or long the steps are.
 */
export function eventLoopYielder(everyMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

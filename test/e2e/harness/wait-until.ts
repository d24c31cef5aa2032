// Polls until a check returns a value (not undefined), and says what it last saw when it gives up:
// for conditions waitForText cannot express (counts, attributes, files on disk).
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, describe?: () => Promise<string> | string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) {
      const seen = describe ? `; ${await describe()}` : '';
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

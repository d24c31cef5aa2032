// playwright-core has no `expect`: this polls a locator until its text contains what we want,
// and says what it saw when it gives up.
import type { Locator } from 'playwright-core';

export async function waitForText(locator: Locator, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    // The editor renders spaces as non-breaking spaces.
    seen = (await locator.allInnerTexts().catch(() => [])).join('\n').replace(/\u00a0/g, ' ');
    if (seen.includes(text)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`waited ${timeoutMs / 1000} s for "${text}"; saw:\n${seen.slice(0, 2_000)}`);
}

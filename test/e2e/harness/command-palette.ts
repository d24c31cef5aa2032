// Runs a command the way a user does: F1, type its "Category: Title", Enter.
import type { Page } from 'playwright-core';

const ROW = '.quick-input-widget .monaco-list-row';

/**
 * The first attempts often find nothing because the extension is still activating and its
 * contributions are not in the palette yet, so this retries until `timeoutMs`.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${label}`);
    const row = page.locator(ROW).filter({ hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command "${label}" never showed up in the palette`, { cause: err });
      await page.waitForTimeout(1_000);
    }
  }
}

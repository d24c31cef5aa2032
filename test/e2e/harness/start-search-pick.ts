// "DNA: Start Architecture Search" from the palette, up to the row of its own quick pick the test
// wants (a config, a built-in demo, the starter config).
import type { Locator, Page } from 'playwright-core';

const PICK_ROW = '.quick-input-widget .monaco-list-row';
const LABEL = 'DNA: Start Architecture Search';

/**
 * Returns the row of the Start quick pick that has `rowText`. The command's quick pick reuses the
 * palette's widget, so (unlike command-palette.ts) this waits for that row rather than for the
 * widget to close. Retries while the extension's contributions are not in the palette yet.
 */
export async function startSearchPick(page: Page, rowText: string, timeoutMs = 60_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${LABEL}`);
    try {
      await page.locator(PICK_ROW).filter({ hasText: LABEL }).first().waitFor({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      const row = page.locator(PICK_ROW).filter({ hasText: rowText }).first();
      await row.waitFor({ timeout: 15_000 });
      return row;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`"${LABEL}" never offered "${rowText}"`, { cause: err });
      await page.waitForTimeout(1_000);
    }
  }
}

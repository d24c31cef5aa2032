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

/**
 * Opens the Start quick pick and clicks its row with `rowText`. If the quick pick closes before
 * the click lands (it hides when the workbench moves focus, e.g. to a notification of the search
 * that just ended), it opens it again, and says so, until `timeoutMs`.
 */
export async function pickStartRow(page: Page, rowText: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await startSearchPick(page, rowText, Math.max(10_000, deadline - Date.now()));
    try {
      await row.click({ timeout: 5_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`could not click "${rowText}" in the Start quick pick`, { cause: err });
      console.log(`the Start quick pick closed before "${rowText}" was clicked: opening it again`);
      await page.keyboard.press('Escape');
    }
  }
}

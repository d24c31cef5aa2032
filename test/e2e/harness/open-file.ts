// Opens a workspace file the way a user does: Quick Open (F1, then the file name without the
// command prompt's '>'), Enter; resolves when its editor tab is the active one.
import type { Page } from 'playwright-core';

export async function openFileFromQuickOpen(page: Page, fileName: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(fileName);
    try {
      // The file search indexes the folder on first use: the row can take a moment.
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 10_000 });
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`Quick Open never offered "${fileName}"`, { cause: err });
      await page.waitForTimeout(1_000);
    }
  }
}

// The content of the newest webview (a panel such as the search view): VS Code nests it in an
// outer iframe.webview holding an inner #active-frame.
import type { FrameLocator, Page } from 'playwright-core';

export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
}

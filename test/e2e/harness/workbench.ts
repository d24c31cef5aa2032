// One end-to-end session: a fresh code-server with the packaged extension installed, a copy of
// the workspace fixture, and a chromium page showing the workbench.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/test/vscode-web/chromium';
import { startCodeServer, type CodeServer } from '../../../scripts/test/vscode-web/code-server';
import { workbenchUrl } from '../../../scripts/test/vscode-web/workbench-url';

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The folder the workbench has open (a fresh copy of the fixture). */
  readonly workspace: string;
  close(): Promise<void>;
}

const DEFAULT_FIXTURE = resolve(import.meta.dirname, '../fixtures/workspace');

function packagedExtension(): string {
  const vsix = process.env.DNA_E2E_VSIX;
  if (!vsix) throw new Error('DNA_E2E_VSIX is not set: run the e2e tests through `npm test -- e2e`, which packages the extension');
  return vsix;
}

export async function openWorkbench(options: { fixture?: string } = {}): Promise<Workbench> {
  const scratch = mkdtempSync(join(tmpdir(), 'dna-e2e-'));
  const workspace = join(scratch, 'workspace');
  cpSync(options.fixture ?? DEFAULT_FIXTURE, workspace, { recursive: true });

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ vsix: packagedExtension() });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(workbenchUrl(server.origin, workspace));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
    return { page, server, workspace, close };
  } catch (err) {
    await close();
    throw err;
  }
}

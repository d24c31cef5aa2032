// "DNA: Show Log" from the command palette opens the extension's output channel.
import { after, before, test } from 'node:test';
import { runCommand } from './harness/command-palette';
import { saveScreenshot } from './harness/screenshot';
import { waitForText } from './harness/wait-for-text';
import { openWorkbench, type Workbench } from './harness/workbench';

let workbench: Workbench;

before(async () => {
  workbench = await openWorkbench();
});

after(async () => {
  await workbench?.close();
});

test('DNA: Show Log shows the "DNA Search" output channel', async () => {
  const { page } = workbench;
  await runCommand(page, 'DNA: Show Log');
  const panel = page.locator('.part.panel');
  // The channel's first line, written on activation, proves it is this channel that is shown.
  await waitForText(panel.locator('.view-lines'), 'DNA Search activated');
  await saveScreenshot(page, 'show-log');
});

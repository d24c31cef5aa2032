// The address that opens the workbench on a folder. The optional payload is how code-server is
// told to load an extension under development and run its tests (it has no CLI flags for that);
// the workbench honours it only with the smoke-test driver enabled (see code-server.ts).
export interface WorkbenchPayload {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  extensionEnvironment?: Record<string, string>;
}

export function workbenchUrl(origin: string, folder: string, payload: WorkbenchPayload = {}): string {
  const remote = (path: string) => `vscode-remote://${new URL(origin).host}${path}`;
  const pairs: [string, string][] = [['skipWelcome', 'true']];
  if (payload.extensionDevelopmentPath) pairs.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) pairs.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  if (payload.extensionEnvironment) pairs.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  url.searchParams.set('payload', JSON.stringify(pairs));
  return url.toString();
}

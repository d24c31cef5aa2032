// The part of the desktop VS Code command line that test-electron's runTests builds and the
// code-server launcher needs; everything else (--no-sandbox, --user-data-dir, ...) is ignored
// because each run gets fresh folders anyway.
import { resolve } from 'node:path';

export interface LauncherArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** The workspace folder to open: the first argument that is not a flag. */
  folder: string;
}

export function parseLauncherArgs(argv: string[]): LauncherArgs {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionDevelopmentPath = flag('extensionDevelopmentPath');
  const extensionTestsPath = flag('extensionTestsPath');
  const folder = argv.find((a) => !a.startsWith('-'));
  if (!extensionDevelopmentPath || !extensionTestsPath || !folder) {
    throw new Error(
      `expected --extensionDevelopmentPath=, --extensionTestsPath= and a workspace folder; got: ${argv.join(' ')}`,
    );
  }
  return {
    extensionDevelopmentPath: resolve(extensionDevelopmentPath),
    extensionTestsPath: resolve(extensionTestsPath),
    folder: resolve(folder),
  };
}

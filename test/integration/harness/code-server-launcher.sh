#!/bin/sh
# Stands in for the VS Code executable that @vscode/test-electron's runTests launches, where no
# desktop VS Code can be downloaded: it takes the same flags and runs the tests in code-server
# instead (see code-server-launcher.ts). runTests passes absolute paths, so changing into the repo
# (where tsx resolves) does not change their meaning.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.." || exit 1
exec node --import tsx "$here/code-server-launcher.ts" "$@"

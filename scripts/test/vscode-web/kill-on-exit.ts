// Our code-servers run in their own process groups (so they can be stopped as a whole), which
// also means they would outlive a test process that dies. This kills them when it ends: on a
// normal exit, an uncaught error, or the SIGTERM/SIGINT/SIGHUP a timeout or Ctrl-C sends.
const groups = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

/** Registers a process group to kill when this process ends; returns a function that unregisters it. */
export function killGroupOnExit(pid: number): () => void {
  install();
  groups.add(pid);
  return () => groups.delete(pid);
}

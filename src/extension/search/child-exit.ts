/**
 * Puts a search process's unexpected end into words: what happened and the likely cause, so the
 * error the user sees says more than "exit code 134".
 */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeChildExit(exit: ChildExit, stderrTail: string[]): string {
  const oom = stderrTail.some((l) => /out of memory|heap limit|ENOMEM|std::bad_alloc/i.test(l));
  let what: string;
  if (exit.signal === 'SIGKILL') what = 'was killed (SIGKILL)';
  else if (exit.signal) what = `was ended by signal ${exit.signal}`;
  else what = `exited with code ${exit.code}`;
  let why = '';
  if (oom) why = ': it ran out of memory (try a smaller batch size, fewer workers or fewer images)';
  else if (exit.signal === 'SIGKILL') why = ' — by the system (often for lack of memory) or by another program';
  // Node ends a crash report with its version line; the line worth quoting is the error itself.
  const lines = stderrTail.map((l) => l.trim()).filter((l) => l && !/^Node\.js v\d/.test(l));
  const last = [...lines].reverse().find((l) => /^(\w*Error|\w+Exception|FATAL|ERR_)\b|\bError:/.test(l)) ?? lines.at(-1);
  return `The search process ${what}${why}.${last && !oom ? ` Its error output: ${last.slice(0, 300)}` : ''}`;
}

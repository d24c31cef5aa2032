// Reads the closing summary Node's test runner writes in TAP ("# pass 3", "# fail 0", ...).

/** @returns {{ passed: number, failed: number, skipped: number } | undefined} undefined when the summary is missing (the run was cut short). */
export function parseTapSummary(tap) {
  const field = (name) => {
    const matches = [...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const pass = field('pass');
  const fail = field('fail');
  if (pass === undefined || fail === undefined) return undefined;
  return {
    passed: pass,
    failed: fail + (field('cancelled') ?? 0),
    skipped: (field('skipped') ?? 0) + (field('todo') ?? 0),
  };
}

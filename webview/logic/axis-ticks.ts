/** Tick positions for the panel's own axes (the Pareto plot) and uPlot's log axes. */

/** About `count` round values (1, 2, 2.5, 5 x 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * 10^k for every k with min <= 10^k <= max. A range within about one decade (a loss falling from
 * 5 to 2 has only 10 or nothing as a power of ten) gets 1-2-5 x 10^k instead, so its axis is never
 * left with a single label; the two ends when not even two of those fall inside.
 */
export function powersOfTen(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const inside = (mantissas: number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(min)) - 1; k <= Math.ceil(Math.log10(max)); k++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** k).toPrecision(12));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  const powers = inside([1]);
  if (powers.length >= 2) return powers;
  const oneTwoFive = inside([1, 2, 5]);
  return oneTwoFive.length >= 2 ? oneTwoFive : [min, max];
}

/**
 * Labels for a row of axis ticks, decided for the row, not per value: the fewest decimals that
 * write every tick (see tickDecimals), trailing zeros dropped. So 7.5/5/2.5 (not
 * 7.500/5.000/2.500), 0.25/0.5/0.75/1 and 88%/90%. Formatting each value on its own with fixed
 * significant digits is what padded the retraining chart's ticks with zeros.
 */

/** Enough for any tick an axis of this panel draws. */
const MAX_DECIMALS = 10;

function decimalText(v: number, decimals: number): string {
  const text = v.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** How close a label must come to its tick, as a share of the gap between neighbouring ticks. */
const LABEL_TOLERANCE = 0.01;

/**
 * The fewest decimals that write every tick to within 1% of the gap between neighbouring ticks:
 * exactly for the round steps axes use (2.5 needs one decimal; with none it would read "3"),
 * without floating-point noise (0.1 + 0.2 reads 0.3), and close enough for uneven ticks (an
 * axis's ends, thirds) that neighbours always read apart.
 */
export function tickDecimals(ticks: readonly number[]): number {
  const sorted = [...new Set(ticks.filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const gaps = sorted.slice(1).map((v, i) => v - sorted[i]);
  const tolerance = LABEL_TOLERANCE * (gaps.length ? Math.min(...gaps) : Math.abs(sorted[0]) || 1);
  for (let d = 0; d < MAX_DECIMALS; d++) {
    if (sorted.every((v) => Math.abs(Number(v.toFixed(d)) - v) <= tolerance)) return d;
  }
  return MAX_DECIMALS;
}

/** One label per tick; a missing tick (null: a label left out so labels do not touch) gets ''. */
export function tickLabels(ticks: readonly (number | null | undefined)[]): string[] {
  const shown = ticks.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const d = tickDecimals(shown);
  return ticks.map((v) => (typeof v === 'number' && Number.isFinite(v) ? decimalText(v, d) : ''));
}

/** Ticks of a fraction axis as percentages: 0.88, 0.9 -> "88%", "90%"; 0.885 -> "88.5%". */
export function percentTickLabels(ticks: readonly (number | null | undefined)[]): string[] {
  const labels = tickLabels(ticks.map((v) => (typeof v === 'number' ? v * 100 : v)));
  return labels.map((l) => (l ? `${l}%` : l));
}

const COUNT_UNITS: [number, string][] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Ticks of a count axis (FLOPs, params) in one unit, the largest tick's: 3M/4M/5M and
 * 0.5M/1M/1.5M, never 3.00M/4.00M (the per-value formatCount's three significant digits).
 */
export function countTickLabels(ticks: readonly (number | null | undefined)[]): string[] {
  const shown = ticks.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const largest = shown.length ? Math.max(...shown.map(Math.abs)) : 0;
  const [scale, unit] = COUNT_UNITS.find(([s]) => largest >= s) ?? [1, ''];
  const labels = tickLabels(ticks.map((v) => (typeof v === 'number' ? v / scale : v)));
  return labels.map((l) => (l && l !== '0' ? `${l}${unit}` : l));
}

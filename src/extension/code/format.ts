/** Numbers as the code features show them: compact counts, signed changes with a real minus sign. */

const MINUS = '\u2212';

/** 1234 -> "1.2k", 2_500_000 -> "2.50M". */
export function compact(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)}G` : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n));
}

/** Relative change of `value` against `reference` in whole percent: "−48%", "+3%", "±0%". */
export function percentChange(value: number, reference: number): string {
  if (!(reference > 0)) return '';
  const p = Math.round((value / reference - 1) * 100);
  return p === 0 ? '\u00b10%' : p < 0 ? `${MINUS}${-p}%` : `+${p}%`;
}

/** Accuracy change in percentage points, one decimal: "−0.6 pts". Accuracies are fractions in [0, 1]. */
export function pointsChange(value: number, reference: number): string {
  const d = Math.round((value - reference) * 1000) / 10;
  return d === 0 ? '\u00b10.0 pts' : d < 0 ? `${MINUS}${(-d).toFixed(1)} pts` : `+${d.toFixed(1)} pts`;
}

export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** How the panel writes numbers, shapes and durations: short, and the same everywhere. */
import type { Shape3 } from '../../src/shared/search-space';

/** 1234 -> "1.23k", 4398856 -> "4.40M"; three significant digits. */
export function formatCount(n: number): string {
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (a >= 1e9) return `${sign}${trim(a / 1e9)}G`;
  if (a >= 1e6) return `${sign}${trim(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}${trim(a / 1e3)}k`;
  return `${sign}${Math.round(a)}`;
}

function trim(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A signed change, "+1.20M" / "-34.0k" / "±0". */
export function formatDelta(n: number): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** 0.4731 -> "47.3%". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatShape(shape: readonly number[] | Shape3): string {
  return shape.join('×');
}

/** Scores and losses: four significant digits without exponent noise for typical values. */
export function formatScore(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return v.toPrecision(4);
}

/** 65_000 -> "1m 05s", 3_725_000 -> "1h 02m", 9_000 -> "9s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const hrs = Math.floor(m / 60);
  return `${hrs}h ${String(m % 60).padStart(2, '0')}m`;
}

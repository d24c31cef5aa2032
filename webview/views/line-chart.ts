/**
 * A uPlot line chart that fits its container, takes theme colours, and accepts data as separate
 * (x, y) tables that it aligns itself. Callers hand it already-downsampled series; it draws at
 * most once per call and resizes with its container.
 */
import uPlot from 'uplot';
import { chartColors, type ChartColors } from '../theme';
import { h } from '../dom';
import { powersOfTen } from '../logic/axis-ticks';

export interface LineSeries {
  label: string;
  /** Index into the theme's series palette, or 'teacher' for the reference line. */
  color: number | 'teacher';
  dash?: number[];
  points?: boolean;
  scale?: string;
  width?: number;
}

export interface AxisSpec {
  scale: string;
  label?: string;
  side?: 1 | 3;
  /** Labels for the axis's ticks, all at once (null: a tick whose label is left out). */
  labels?: (ticks: (number | null)[]) => string[];
  range?: [number | null, number | null];
  /** Logarithmic scale (losses spanning decades); values must be positive. */
  log?: boolean;
}

export interface LineChartSpec {
  series: LineSeries[];
  xLabel: string;
  axes: AxisSpec[];
  height?: number;
  /** uPlot's own legend under the chart; off when the view draws one legend for many charts. */
  legend?: boolean;
}

/** Pixels between two labels of a vertical axis, centre to centre: a label's height and a gap. */
const MIN_LABEL_SPACING_PX = 16;

/** The splits whose labels do not touch the previous one's (from the top down); the rest null. */
function spacedLabels(splits: number[], pos: (v: number) => number): (number | null)[] {
  let last = -Infinity;
  return splits
    .slice()
    .reverse()
    .map((v) => {
      const y = pos(v);
      if (Math.abs(y - last) < MIN_LABEL_SPACING_PX) return null;
      last = y;
      return v;
    })
    .reverse();
}

export class LineChart {
  readonly el: HTMLElement;
  private plot?: uPlot;
  private tables: [number[], number[]][] = [];
  private readonly observer: ResizeObserver;

  constructor(private readonly spec: LineChartSpec) {
    this.el = h('div', { class: 'line-chart' });
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(this.el);
  }

  /** One (x, y) table per series, each sorted by x. */
  setData(tables: [number[], number[]][]): void {
    this.tables = tables;
    this.draw();
  }

  /** Drawn point count per series (for tests and the accessible summary). */
  get drawnPoints(): number[] {
    return this.tables.map((t) => t[0].length);
  }

  /** Rebuilds with the current theme colours. */
  retheme(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.draw();
  }

  private width(): number {
    return Math.max(160, Math.floor(this.el.clientWidth || 320));
  }

  private fit(): void {
    if (!this.plot) return this.draw();
    const w = this.width();
    if (Math.abs(w - this.plot.width) > 1) this.plot.setSize({ width: w, height: this.spec.height ?? 170 });
  }

  private aligned(): uPlot.AlignedData {
    if (this.tables.length === 0) return [[]];
    return uPlot.join(this.tables as unknown as uPlot.AlignedData[]);
  }

  private draw(): void {
    if (!this.el.isConnected) return;
    const data = this.aligned();
    if (this.plot) {
      this.plot.setData(data);
      return;
    }
    this.plot = new uPlot(this.options(chartColors()), data, this.el);
  }

  private options(c: ChartColors): uPlot.Options {
    const axisBase = { stroke: c.muted, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: c.font, labelFont: c.font };
    return {
      width: this.width(),
      height: this.spec.height ?? 170,
      legend: { show: this.spec.legend ?? true, live: false },
      cursor: { drag: { x: true, y: false } },
      scales: Object.fromEntries([['x', { time: false }], ...this.spec.axes.map((a) => [a.scale, { ...(a.range ? { range: a.range as uPlot.Scale.Range } : {}), ...(a.log ? { distr: 3, log: 10 } : {}) }])]),
      axes: [
        { ...axisBase, label: this.spec.xLabel, labelSize: 18 },
        ...this.spec.axes.map((a) => ({
          ...axisBase,
          scale: a.scale,
          label: a.label,
          labelSize: 18,
          side: a.side ?? 3,
          size: 52,
          grid: a.side === 1 ? { show: false } : axisBase.grid,
          values: a.labels ? (_u: uPlot, splits: (number | null)[]) => a.labels!(splits) : undefined,
          // Log axes: grid and labels at powers of ten only (1-2-3-…-9 lines are noise at this size),
          // or 1-2-5 within a decade (see powersOfTen). uPlot's own log label filter would hide the
          // 2 and 5 of a short chart, leaving one label; this one only drops labels that would touch.
          splits: a.log ? (_u: uPlot, _axis: number, min: number, max: number) => powersOfTen(min, max) : undefined,
          filter: a.log ? (u: uPlot, splits: number[], axis: number) => spacedLabels(splits, (v) => u.valToPos(v, u.axes[axis].scale!)) : undefined,
        })),
      ],
      series: [
        { label: this.spec.xLabel },
        ...this.spec.series.map((s) => ({
          label: s.label,
          scale: s.scale ?? this.spec.axes[0].scale,
          stroke: s.color === 'teacher' ? c.teacher : c.series[s.color % c.series.length],
          width: s.width ?? 1.5,
          dash: s.dash,
          spanGaps: true,
          points: { show: s.points ?? false, size: 5 },
        })),
      ],
    };
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }
}

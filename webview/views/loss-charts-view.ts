/**
 * Loss curves. Distillation: one small chart per block, a train line and held-out points per
 * depth variant. Retraining: loss and accuracies against the teacher's accuracy. Each series is
 * downsampled to about two points per pixel before drawing, and a chart is only redrawn when its
 * own data grew, so 10k+ points stay cheap.
 */
import { h, replaceChildren } from '../dom';
import { downsampleLoss } from '../logic/downsample';
import { formatPercent, formatScore } from '../logic/format';
import { percentTickLabels, tickLabels } from '../logic/tick-labels';
import type { PanelContext } from '../panel-context';
import { LineChart } from './line-chart';

function drawBudget(chart: LineChart): number {
  return Math.max(200, Math.min(2000, Math.round(chart.el.clientWidth * 2)));
}

interface BlockChart {
  chart: LineChart;
  card: HTMLElement;
  depths: number[];
  /** Data signature last drawn (point and epoch counts), to skip unchanged charts. */
  drawn: string;
}

export class DistillChartsView {
  readonly el: HTMLElement;
  private readonly grid = h('div', { class: 'chart-grid', attrs: { id: 'distill-charts' } });
  private readonly legend = h('p', { class: 'legend-line muted', attrs: { id: 'distill-legend' } });
  private charts: BlockChart[] = [];
  private layoutKey = '';

  constructor(private readonly ctx: PanelContext) {
    this.el = h('section', { class: 'card', attrs: { 'aria-labelledby': 'distill-heading' } }, h('h2', { attrs: { id: 'distill-heading' }, text: 'Distillation loss (MSE to the teacher’s feature map)' }), this.legend, this.grid);
  }

  render(): void {
    const st = this.ctx.store.state;
    const space = st.space;
    if (!space) {
      if (this.layoutKey !== 'empty') replaceChildren(this.grid, h('p', { class: 'empty', text: 'No training yet.' }));
      this.layoutKey = 'empty';
      return;
    }
    const key = space.blocks.map((b) => `${b.index}:${b.depths.join(',')}`).join('|');
    if (key !== this.layoutKey) this.build(key);
    for (const [b, bc] of this.charts.entries()) {
      bc.card.classList.toggle('selected', this.ctx.ui.block === b);
      const nets = bc.depths.map((d) => st.supernets[`${b}.${d}`]);
      const signature = `${this.grid.clientWidth}:` + nets.map((n) => (n ? `${n.train.length}/${n.epochs.length}` : '-')).join(',');
      if (signature === bc.drawn) continue;
      bc.drawn = signature;
      const budget = drawBudget(bc.chart);
      const tables: [number[], number[]][] = [];
      let raw = 0;
      for (const n of nets) {
        const train = n ? downsampleLoss(n.train, budget) : { x: [], y: [] };
        raw += n?.train.length ?? 0;
        const epochs = n ? [...n.epochs].sort((a, c) => a.epoch - c.epoch) : [];
        tables.push([train.x, train.y]);
        tables.push([epochs.map((e) => e.epoch + 1), epochs.map((e) => e.heldOutLoss)]);
      }
      bc.chart.setData(tables);
      bc.chart.el.dataset.rawPoints = String(raw);
      bc.chart.el.dataset.drawnPoints = String(bc.chart.drawnPoints.reduce((a, c) => a + c, 0));
      // A block that has not started shows its title only, not an empty plot.
      bc.card.classList.toggle('no-data', raw === 0 && !nets.some((n) => n?.epochs.length));
      const last = nets.flatMap((n) => (n?.epochs.length ? [n.epochs[n.epochs.length - 1].heldOutLoss] : []));
      bc.card.querySelector('.chart-note')!.textContent = last.length ? `best held-out ${formatScore(Math.min(...last))}` : raw ? `${raw} steps` : 'waiting';
    }
  }

  private build(key: string): void {
    for (const c of this.charts) c.chart.destroy();
    const space = this.ctx.store.state.space!;
    const teacher = this.ctx.store.state.teacher;
    this.charts = space.blocks.map((b) => {
      const chart = new LineChart({
        xLabel: 'epoch',
        axes: [{ scale: 'loss', labels: tickLabels, log: true }],
        height: 150,
        legend: false,
        series: b.depths.flatMap((d, i) => [
          { label: `d${d} train`, color: i, width: 1.25 },
          { label: `d${d} held-out`, color: i, dash: [4, 3], points: true, width: 1 },
        ]),
      });
      chart.el.dataset.block = String(b.index);
      const card = h(
        'figure',
        { class: 'chart-card', attrs: { 'data-block': b.index } },
        h('figcaption', {}, h('button', { class: 'link-button', text: `Block ${b.index} · ${teacher?.blocks[b.index]?.name ?? b.name}`, attrs: { title: 'Select this block' }, on: { click: () => this.ctx.selectBlock(b.index) } }), h('span', { class: 'chart-note muted' })),
        chart.el,
      );
      return { chart, card, depths: b.depths, drawn: '' };
    });
    replaceChildren(this.grid, ...this.charts.map((c) => c.card));
    // One legend for all blocks: colour = depth variant, solid = train steps, dashed = held-out per epoch.
    const depths = [...new Set(space.blocks.flatMap((b) => b.depths))].sort((a, b) => a - b);
    replaceChildren(
      this.legend,
      ...depths.map((d, i) => h('span', { class: 'legend-item' }, h('span', { class: `key key-series-${i % 6}` }), ` depth ${d}`)),
      h('span', { class: 'legend-item' }, h('span', { class: 'key key-solid' }), ' train (per step)'),
      h('span', { class: 'legend-item' }, h('span', { class: 'key key-dashed' }), ' held-out (per epoch)'),
      h('span', { class: 'legend-item', text: '· log scale' }),
    );
    this.layoutKey = key;
  }

  retheme(): void {
    for (const c of this.charts) {
      c.chart.retheme();
      c.drawn = '';
    }
    this.render();
  }
}

export class RetrainChartView {
  readonly el: HTMLElement;
  private readonly chart: LineChart;
  private readonly note = h('p', { class: 'muted', attrs: { id: 'retrain-note' } });
  private drawn = '';

  constructor(private readonly ctx: PanelContext) {
    this.chart = new LineChart({
      xLabel: 'epoch',
      axes: [
        { scale: 'loss', label: 'loss', labels: tickLabels },
        { scale: 'acc', label: 'accuracy', side: 1, labels: percentTickLabels, range: [null, 1] },
      ],
      height: 190,
      series: [
        { label: 'train loss', color: 0, scale: 'loss' },
        { label: 'train accuracy', color: 2, scale: 'acc', points: true },
        { label: 'held-out accuracy', color: 1, scale: 'acc', points: true },
        { label: 'teacher test accuracy', color: 'teacher', scale: 'acc', dash: [6, 4] },
      ],
    });
    this.chart.el.id = 'retrain-chart';
    this.el = h('section', { class: 'card', attrs: { 'aria-labelledby': 'retrain-heading' } }, h('h2', { attrs: { id: 'retrain-heading' }, text: 'Retraining the chosen architecture' }), this.note, this.chart.el);
  }

  render(): void {
    const st = this.ctx.store.state;
    const r = st.retrain;
    const teacherAcc = st.summary?.teacher.testAccuracy ?? st.teacher?.testAccuracy;
    const signature = `${this.chart.el.clientWidth}:${r.train.length}/${r.epochs.length}/${teacherAcc}`;
    if (signature === this.drawn) return;
    this.drawn = signature;
    const train = downsampleLoss(r.train, drawBudget(this.chart));
    const epochs = [...r.epochs].sort((a, b) => a.epoch - b.epoch);
    const ex = epochs.map((e) => e.epoch + 1);
    const xMax = Math.max(r.progress?.epochs ?? 0, ex[ex.length - 1] ?? 0, train.x[train.x.length - 1] ?? 0);
    const teacherLine: [number[], number[]] = teacherAcc !== undefined && xMax > 0 ? [[0, xMax], [teacherAcc, teacherAcc]] : [[], []];
    this.chart.setData([[train.x, train.y], [ex, epochs.map((e) => e.trainAccuracy)], [ex, epochs.map((e) => e.heldOutAccuracy)], teacherLine]);
    this.chart.el.dataset.rawPoints = String(r.train.length);
    const parts: string[] = [];
    if (teacherAcc !== undefined) parts.push(`teacher test accuracy ${formatPercent(teacherAcc)}`);
    const lastEpoch = epochs[epochs.length - 1];
    if (lastEpoch) parts.push(`held-out accuracy ${formatPercent(lastEpoch.heldOutAccuracy)} after epoch ${lastEpoch.epoch + 1}`);
    if (st.summary) parts.push(`student test accuracy ${formatPercent(st.summary.student.testAccuracy)}`);
    this.note.textContent = parts.length ? parts.join(' · ') : r.train.length ? '' : 'Starts after the search picks an architecture.';
  }

  retheme(): void {
    this.chart.retheme();
    this.drawn = '';
    this.render();
  }
}

/**
 * The Pareto front (score vs FLOPs or params) and the budget slider. Moving the slider sets a
 * budget; the best architecture within it is found instantly on the sorted front and shown with
 * its per-block choice and cost, ready to open, insert or diff.
 */
import type { FrontPointInfo } from '../../src/shared/events';
import { CodeTargetSchema, type CodeTarget } from '../../src/shared/protocol';
import { h, s, replaceChildren } from '../dom';
import { niceTicks } from '../logic/axis-ticks';
import { countTickLabels, tickLabels } from '../logic/tick-labels';
import { formatCount, formatPercent, formatScore } from '../logic/format';
import { BUDGET_STEPS, indexForBudget, nearestByCost, neighbourIndex, type CostKey, type FrontSelection } from '../logic/front';
import type { PanelContext } from '../panel-context';

const W = 460;
const H = 240;
const M = { left: 56, right: 14, top: 12, bottom: 36 };
const MAX_DRAWN_POINTS = 1500;
const TARGET_LABEL: Record<CodeTarget, string> = { 'tfjs-ts': 'TF.js (TypeScript)', 'tfjs-js': 'TF.js (JavaScript)', keras: 'Keras', pytorch: 'PyTorch' };

export class ParetoView {
  readonly el: HTMLElement;
  private readonly plot = h('div', { class: 'pareto-plot', attrs: { id: 'pareto-plot' } });
  private readonly keyGroup: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly budgetText = h('output', { class: 'budget-text', attrs: { id: 'budget-text', for: 'budget-slider' } });
  private readonly choiceText = h('ol', { class: 'choice-list', attrs: { id: 'selection-text', 'aria-label': 'Chosen path per block' } });
  private readonly costText = h('p', { class: 'selection-cost', attrs: { id: 'selection-cost', 'aria-live': 'polite' } });
  private readonly actions: HTMLElement[];
  private readonly target: HTMLElement & { value: string };
  private drawnKey = '';

  constructor(private readonly ctx: PanelContext) {
    this.keyGroup = h(
      'vscode-radio-group',
      { attrs: { id: 'cost-key', orientation: 'horizontal' } },
      h('label', { attrs: { slot: 'label' }, text: 'Cost' }),
      h('vscode-radio', { attrs: { value: 'flops', id: 'cost-flops' }, text: 'FLOPs' }),
      h('vscode-radio', { attrs: { value: 'params', id: 'cost-params' }, text: 'Params' }),
    );
    this.keyGroup.addEventListener('change', () => {
      const v = (this.keyGroup as HTMLElement & { value: string }).value;
      if ((v === 'flops' || v === 'params') && v !== this.ctx.ui.costKey) this.ctx.setCostKey(v);
    });
    this.slider = h('input', { class: 'budget-slider', attrs: { id: 'budget-slider', type: 'range', min: 0, max: BUDGET_STEPS, step: 1, 'aria-label': 'Budget (arrow keys: next or previous architecture on the front)' } });
    this.slider.addEventListener('input', () => this.ctx.setBudgetIndex(Number(this.slider.value), false));
    this.slider.addEventListener('change', () => this.ctx.setBudgetIndex(Number(this.slider.value), true));
    // Arrow keys walk the front point by point (the native step, 1/100000 of the range, is too
    // small to feel); Page Up/Down and Home/End keep their native budget jumps.
    this.slider.addEventListener('keydown', (e) => {
      const dir = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
      const sel = this.ctx.selection();
      if (!dir || !sel) return;
      e.preventDefault();
      this.ctx.setBudgetIndex(neighbourIndex(sel, dir), true);
    });

    this.target = h('vscode-dropdown', { attrs: { id: 'code-target', 'aria-label': 'Code flavour' } }, h('vscode-option', { attrs: { value: '' }, text: 'Code: as the teacher' }), ...CodeTargetSchema.options.map((t) => h('vscode-option', { attrs: { value: t }, text: TARGET_LABEL[t] }))) as HTMLElement & { value: string };
    this.target.addEventListener('change', () => {
      const r = CodeTargetSchema.safeParse(this.target.value);
      this.ctx.setCodeTarget(r.success ? r.data : undefined);
    });
    const act = (id: string, label: string, type: 'open-candidate' | 'insert-architecture' | 'show-diff', appearance: string) =>
      h('vscode-button', {
        attrs: { id, appearance },
        text: label,
        on: {
          click: () => {
            const arch = this.ctx.activeArchitecture();
            if (arch) this.ctx.sendCandidates(type, arch.candidates);
          },
        },
      });
    this.actions = [act('open-button', 'Open in editor', 'open-candidate', 'secondary'), act('insert-button', 'Insert into code', 'insert-architecture', 'primary'), act('diff-button', 'Show diff with teacher', 'show-diff', 'secondary')];

    this.el = h(
      'section',
      { class: 'card', attrs: { id: 'pareto', 'aria-labelledby': 'pareto-heading' } },
      h('h2', { attrs: { id: 'pareto-heading' }, text: 'Pareto front and budget' }),
      h('div', { class: 'toolbar' }, this.keyGroup),
      this.plot,
      h('div', { class: 'budget-row' }, h('label', { attrs: { for: 'budget-slider' }, class: 'toolbar-label', text: 'Budget' }), this.slider, this.budgetText),
      this.costText,
      this.choiceText,
      h('div', { class: 'toolbar actions' }, ...this.actions, this.target),
    );
  }

  render(): void {
    const { store, ui } = this.ctx;
    const sel = this.ctx.selection();
    (this.keyGroup as HTMLElement & { value: string }).value = ui.costKey;
    const teacherCost = store.state.teacher?.total[ui.costKey];
    const disabled = !sel;
    this.slider.disabled = disabled;
    const arch = this.ctx.activeArchitecture();
    for (const a of this.actions) a.toggleAttribute('disabled', !arch);
    // Insert is the call to action, but a disabled primary button still reads as one.
    this.actions[1].setAttribute('appearance', this.actions[1].hasAttribute('disabled') ? 'secondary' : 'primary');
    if (!sel) {
      replaceChildren(this.plot, h('p', { class: 'empty', text: store.state.pareto.flops || store.state.pareto.params ? 'No front for this cost.' : 'The front appears when every block is ranked.' }));
      this.budgetText.textContent = '';
      this.drawnKey = '';
      this.renderChoice(arch?.candidates, undefined);
      return;
    }
    if (Number(this.slider.value) !== sel.sliderIndex) this.slider.value = String(sel.sliderIndex);
    const unit = ui.costKey === 'flops' ? 'FLOPs' : 'params';
    const budgetLine = `≤ ${formatCount(sel.budget)} ${unit}${teacherCost ? ` (${formatPercent(sel.budget / teacherCost, 0)} of the teacher)` : ''}`;
    this.budgetText.textContent = budgetLine;
    this.slider.setAttribute('aria-valuetext', budgetLine);
    this.drawPlot(sel, teacherCost);
    this.renderChoice(sel.point?.candidates, sel.point);
  }

  private renderChoice(candidates: string[] | undefined, point: FrontPointInfo | undefined): void {
    const st = this.ctx.store.state;
    const teacher = st.teacher;
    if (!candidates) {
      this.costText.textContent = this.ctx.selection() ? 'No architecture fits this budget.' : '';
      replaceChildren(this.choiceText);
      return;
    }
    const cost = point ?? (st.chosen ? { ...st.chosen.cost, score: st.chosen.score } : undefined);
    if (cost && teacher) {
      this.costText.textContent = `${formatCount(cost.flops)} FLOPs (${formatPercent(cost.flops / teacher.total.flops, 0)} of the teacher) · ${formatCount(cost.params)} params (${formatPercent(cost.params / teacher.total.params, 0)}) · score ${formatScore(cost.score)}`;
    } else this.costText.textContent = '';
    const chosen = st.chosen?.candidates;
    const differs = chosen ? candidates.filter((id, b) => chosen[b] !== id).length : 0;
    if (chosen && point) this.costText.append(h('span', { class: 'muted', text: differs ? ` · differs from the run’s pick in ${differs} block${differs === 1 ? '' : 's'} (marked •)` : ' · the run’s pick' }));
    replaceChildren(
      this.choiceText,
      ...candidates.map((id, b) => {
        const [, depthOps] = id.split('.');
        const [depth, ops] = depthOps.split(':');
        const changed = chosen !== undefined && chosen[b] !== id;
        return h(
          'li',
          { attrs: { 'data-candidate': id, title: changed ? `${id} (the run picked ${chosen[b]})` : id }, class: changed ? 'differs' : undefined },
          h('span', { class: 'choice-block', text: `${teacher?.blocks[b]?.name ?? `block ${b}`}` }),
          h('code', { text: `${depth} ${ops.split('-').join(' ')}` }),
          changed ? h('span', { class: 'differs-mark', text: ' •', attrs: { 'aria-label': 'differs from the run’s pick' } }) : '',
        );
      }),
    );
  }

  private drawPlot(sel: FrontSelection, teacherCost: number | undefined): void {
    const key: CostKey = sel.key;
    const chosen = this.ctx.store.state.chosen;
    const drawKey = `${this.ctx.store.version}|${key}|${sel.pointIndex}|${sel.sliderIndex}`;
    if (drawKey === this.drawnKey) return;
    this.drawnKey = drawKey;
    const front = sel.front;
    const xs = front.map((p) => p[key]);
    const ys = front.map((p) => p.score);
    const xLo = Math.min(...xs);
    const xHi = Math.max(...xs);
    const yLo = Math.min(...ys);
    const yHi = Math.max(...ys);
    // A front of one point (or of equal costs) still gets a readable, non-degenerate range.
    const padX = (xHi - xLo) * 0.04 || Math.max(1, Math.abs(xHi) * 0.1);
    const padY = (yHi - yLo) * 0.06 || Math.max(0.01, Math.abs(yHi) * 0.05);
    const x0 = xLo - padX;
    const x1 = xHi + padX;
    const y0 = yLo - padY;
    const y1 = yHi + padY;
    const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
    const py = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
    const svg = s('svg', { class: 'pareto-svg', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Pareto front: ${front.length} architectures, score against ${key === 'flops' ? 'FLOPs' : 'params'}` });
    const axes = s('g', { class: 'axes' });
    const xTicks = niceTicks(x0, x1);
    const xLabels = countTickLabels(xTicks);
    xTicks.forEach((t, i) => {
      axes.append(s('line', { x1: px(t), x2: px(t), y1: M.top, y2: H - M.bottom, class: 'grid-line' }));
      axes.append(s('text', { x: px(t), y: H - M.bottom + 14, 'text-anchor': 'middle', class: 'tick' }, xLabels[i]));
    });
    const yTicks = niceTicks(y0, y1, 4);
    const yLabels = tickLabels(yTicks);
    yTicks.forEach((t, i) => {
      axes.append(s('line', { x1: M.left, x2: W - M.right, y1: py(t), y2: py(t), class: 'grid-line' }));
      axes.append(s('text', { x: M.left - 6, y: py(t) + 4, 'text-anchor': 'end', class: 'tick' }, yLabels[i]));
    });
    axes.append(s('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, key === 'flops' ? 'FLOPs (multiply-adds)' : 'parameters'));
    axes.append(s('text', { x: 12, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 12 ${(M.top + H - M.bottom) / 2})` }, 'score (lower is better)'));
    svg.append(axes);
    // The front is a staircase: each step is the best score until the next cheaper-is-worse point.
    let d = '';
    front.forEach((p, i) => {
      const x = px(p[key]);
      const y = py(p.score);
      d += i === 0 ? `M${x},${y}` : `H${x}V${y}`;
    });
    svg.append(s('path', { d, class: 'front-line' }));
    const budgetX = px(Math.min(x1, sel.budget));
    svg.append(s('line', { x1: budgetX, x2: budgetX, y1: M.top, y2: H - M.bottom, class: 'budget-line' }));
    if (teacherCost !== undefined && teacherCost <= x1) svg.append(s('line', { x1: px(teacherCost), x2: px(teacherCost), y1: M.top, y2: H - M.bottom, class: 'teacher-line' }));
    const stride = Math.max(1, Math.ceil(front.length / MAX_DRAWN_POINTS));
    const dots = s('g', { class: 'front-points' });
    for (let i = 0; i < front.length; i += stride) {
      const p = front[i];
      dots.append(s('circle', { cx: px(p[key]), cy: py(p.score), r: 2.5, class: i <= sel.pointIndex ? 'pt fits' : 'pt' }));
    }
    svg.append(dots);
    if (chosen) {
      const ci = front.findIndex((p) => p.candidates.join() === chosen.candidates.join());
      if (ci >= 0) {
        const p = front[ci];
        const cx = px(p[key]);
        const cy = py(p.score);
        svg.append(s('path', { d: `M${cx},${cy - 7}L${cx + 7},${cy}L${cx},${cy + 7}L${cx - 7},${cy}Z`, class: 'chosen-mark' }, s('title', {}, 'The run’s chosen architecture')));
      }
    }
    if (sel.point) {
      svg.append(s('circle', { cx: px(sel.point[key]), cy: py(sel.point.score), r: 6, class: 'selected-mark', id: 'selected-point' }, s('title', {}, 'Best architecture within the budget')));
    }
    // Clicking the plot moves the budget to the nearest point's cost.
    svg.addEventListener('click', (e) => {
      const rect = svg.getBoundingClientRect();
      const vx = ((e.clientX - rect.left) / rect.width) * W;
      const cost = x0 + ((vx - M.left) / (W - M.left - M.right)) * (x1 - x0);
      const i = nearestByCost(front, key, cost);
      if (i >= 0) this.ctx.setBudgetIndex(indexForBudget(sel.range, front[i][key]), true);
    });
    replaceChildren(this.plot, svg, h('p', { class: 'legend-line muted' }, h('span', { class: 'key key-front' }), ' front ', h('span', { class: 'key key-selected' }), ' best within budget ', h('span', { class: 'key key-chosen' }), ' run’s pick ', h('span', { class: 'key key-budget' }), ' budget', teacherCost !== undefined && teacherCost <= x1 ? h('span', {}, h('span', { class: 'key key-teacher' }), ' teacher') : ''));
  }
}

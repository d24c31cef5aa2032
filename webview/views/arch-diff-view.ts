/** The architecture diff: teacher vs the active student architecture, block by block. */
import { h, replaceChildren } from '../dom';
import { architectureDiff, DiffError, type DiffRow } from '../logic/arch-diff';
import { diffCaption } from '../logic/diff-caption';
import { formatCount, formatDelta, formatPercent, formatShape } from '../logic/format';
import type { PanelContext } from '../panel-context';

export class ArchDiffView {
  readonly el: HTMLElement;
  private readonly body = h('div', { class: 'diff-body', attrs: { id: 'arch-diff' } });
  private readonly caption = h('p', { class: 'muted', attrs: { id: 'diff-caption' } });
  private drawnKey = '';

  constructor(private readonly ctx: PanelContext) {
    this.el = h('section', { class: 'card', attrs: { 'aria-labelledby': 'diff-heading' } }, h('h2', { attrs: { id: 'diff-heading' }, text: 'Architecture diff against the teacher' }), this.caption, this.body);
  }

  render(): void {
    const st = this.ctx.store.state;
    const arch = this.ctx.activeArchitecture();
    // The caption follows the slider even where the architecture (and so the table) stays.
    if (arch && st.teacher && st.space) {
      const sel = arch.source === 'budget' ? this.ctx.selection() : undefined;
      const caption = diffCaption({
        shown: arch.candidates,
        source: arch.source,
        sliderMoved: this.ctx.ui.budgetIndex !== undefined,
        budget: sel ? { key: sel.key, value: sel.budget } : undefined,
        chosen: st.chosen,
        teacherSource: this.ctx.store.teacherSource,
      });
      if (this.caption.textContent !== caption) this.caption.textContent = caption;
    }
    const key = `${this.ctx.store.loads}|${!!st.teacher}|${!!st.space}|${arch?.candidates.join()}|${this.ctx.store.teacherSource}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    if (!arch || !st.teacher || !st.space) {
      this.caption.textContent = '';
      replaceChildren(this.body, h('p', { class: 'empty', text: 'Appears once the search has a front or a chosen architecture.' }));
      return;
    }
    let rows: DiffRow[];
    try {
      rows = architectureDiff(st.teacher, st.space, arch.candidates);
    } catch (e) {
      if (!(e instanceof DiffError) && !(e instanceof Error)) throw e;
      replaceChildren(this.body, h('p', { class: 'error', text: `Cannot show this architecture: ${e.message}` }));
      return;
    }
    const deltaCell = (d: number, base: number) => h('td', { class: `num ${d < 0 ? 'delta-down' : d > 0 ? 'delta-up' : ''}`, text: `${formatDelta(d)}${base ? ` (${formatPercent(d / base, 0)})` : ''}` });
    replaceChildren(
      this.body,
      h(
        'table',
        { class: 'diff-table' },
        h('thead', {}, h('tr', {}, ...['Block', 'Teacher layers', 'Teacher params', 'Teacher FLOPs', 'Student layers', 'Student params', 'Student FLOPs', 'Δ params', 'Δ FLOPs'].map((t) => h('th', { attrs: { scope: 'col' }, text: t })))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              { class: `diff-${r.kind}`, attrs: { 'data-kind': r.kind } },
              h('th', { attrs: { scope: 'row', title: r.inputShape && r.outputShape ? `${formatShape(r.inputShape)} → ${formatShape(r.outputShape)}` : '' }, text: r.kind === 'block' ? `${r.name}` : r.name }),
              h('td', { text: r.kind === 'block' ? `${r.teacher.layers} layers` : r.kind === 'total' ? '' : 'same', attrs: { title: r.teacher.layerNames?.join('\n') ?? '' } }),
              h('td', { class: 'num', text: formatCount(r.teacher.params) }),
              h('td', { class: 'num', text: formatCount(r.teacher.flops) }),
              h('td', {}, r.kind === 'block' ? h('code', { text: `d${r.student.depth}: ${r.student.ops!.join(' ')}` }) : r.kind === 'total' ? '' : 'same'),
              h('td', { class: 'num', text: formatCount(r.student.params) }),
              h('td', { class: 'num', text: formatCount(r.student.flops) }),
              deltaCell(r.delta.params, r.teacher.params),
              deltaCell(r.delta.flops, r.teacher.flops),
            ),
          ),
        ),
      ),
    );
  }
}

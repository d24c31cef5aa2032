/** Details of the selected block: the teacher's layers and the student supernet's choices. */
import { opId, pathCount } from '../../src/shared/search-space';
import { supernetKey } from '../../src/shared/run-state';
import { h, replaceChildren } from '../dom';
import { formatCount, formatScore, formatShape } from '../logic/format';
import type { PanelContext } from '../panel-context';

export class BlockDetailsView {
  readonly el: HTMLElement;
  private readonly body = h('div', { class: 'details-body' });
  private readonly heading = h('h2', { attrs: { id: 'details-heading' } });

  constructor(private readonly ctx: PanelContext) {
    this.el = h('section', { class: 'card', attrs: { id: 'block-details', 'aria-labelledby': 'details-heading', 'aria-live': 'polite' } }, this.heading, this.body);
  }

  render(): void {
    const st = this.ctx.store.state;
    const b = this.ctx.ui.block;
    const tb = st.teacher?.blocks[b];
    const sb = st.space?.blocks[b];
    this.heading.textContent = `Block ${b}${tb ? ` · ${tb.name}` : sb ? ` · ${sb.name}` : ''}`;
    if (!tb && !sb) {
      replaceChildren(this.body, h('p', { class: 'empty', text: 'No block information yet.' }));
      return;
    }
    const teacherCol = h('div', { class: 'details-col' }, h('h3', { text: 'Teacher' }));
    if (tb) {
      teacherCol.append(
        h('p', { text: `${formatShape(tb.inputShape)} → ${formatShape(tb.outputShape)} · ${formatCount(tb.params)} params · ${formatCount(tb.flops)} FLOPs` }),
        h('ol', { class: 'layer-list', attrs: { 'aria-label': `Teacher layers of block ${b}` } }, ...tb.layers.map((l) => h('li', { text: l }))),
      );
    }
    const studentCol = h('div', { class: 'details-col' }, h('h3', { text: 'Student supernet' }));
    if (sb && st.space) {
      const space = st.space;
      studentCol.append(
        h('p', { text: `stride ${sb.stride} · width ${sb.width} · depths ${sb.depths.join(', ')} · ${sb.depths.reduce((n, d) => n + pathCount(space, d), 0)} paths` }),
        h('p', {}, 'Candidate ops per layer: ', ...space.ops.map((o) => h('code', { class: 'op-chip', text: opId(o), attrs: { title: `MBConv kernel ${o.kernel}, expansion ${o.expansion}` } }))),
        h('p', { class: 'muted', text: `MBConv with squeeze-excite ${space.family.seRatio} and ${space.family.activation}; layer 1 carries the stride, the last projects to ${sb.outputShape[2]} channels.` }),
      );
      const rows = sb.depths.map((d) => {
        const net = st.supernets[supernetKey(b, d)];
        const progress = net?.progress ? `epoch ${net.progress.epoch + 1}/${net.progress.epochs}, step ${net.progress.step}/${net.progress.steps}` : net?.epochs.length ? `${net.epochs.length} epochs` : 'not started';
        const lastEpoch = net?.epochs[net.epochs.length - 1];
        const best = net?.ranking?.length ? net.ranking.reduce((a, c) => (c.score < a.score ? c : a)) : undefined;
        const bestId = best ? `b${b}.d${d}:${best.ops}` : undefined;
        return h(
          'tr',
          {},
          h('th', { attrs: { scope: 'row' }, text: `depth ${d}` }),
          h('td', { text: progress }),
          h('td', { text: lastEpoch ? formatScore(lastEpoch.heldOutLoss) : '—' }),
          h('td', { text: net?.ranking ? `${net.ranking.length} ranked` : net?.rankProgress ? `${net.rankProgress.done}/${net.rankProgress.total}` : '—' }),
          h('td', {}, best && bestId ? h('button', { class: 'link-button', text: `${best.ops} (${formatScore(best.score)})`, attrs: { title: `Open ${bestId} in the editor` }, on: { click: () => this.ctx.sendCandidates('open-candidate', [bestId]) } }) : '—'),
        );
      });
      studentCol.append(
        h('div', { class: 'table-scroll' }, h('table', { class: 'mini-table' }, h('thead', {}, h('tr', {}, ...['Supernet', 'Training', 'Held-out loss', 'Ranking', 'Best path'].map((t) => h('th', { attrs: { scope: 'col' }, text: t })))), h('tbody', {}, ...rows))),
      );
    }
    replaceChildren(this.body, h('div', { class: 'details-grid' }, teacherCol, studentCol));
  }
}

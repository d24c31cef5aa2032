/**
 * The block graph: teacher blocks on top, the feature maps at the cuts in the middle, the
 * student supernet blocks below, each student block coloured by its phase and loss. Blocks are
 * buttons (mouse and keyboard) that select the block for the details, table and charts. The SVG
 * scales to the panel's width (never above its natural size) and wraps its blocks into bands
 * where scaling alone would make its text too small (see graph-layout.ts).
 */
import { h, s, replaceChildren } from '../dom';
import { blockStatuses, type BlockStatus } from '../logic/block-status';
import { formatCount, formatScore, formatShape } from '../logic/format';
import { blocksPerRow, graphLayout, MIN_GRAPH_SCALE, type Rect } from '../logic/graph-layout';
import type { PanelContext } from '../panel-context';

const PHASE_TEXT: Record<BlockStatus['phase'], string> = { pending: 'pending', training: 'training', trained: 'trained', ranking: 'ranking', ranked: 'ranked' };

export class BlockGraphView {
  readonly el: HTMLElement;
  private readonly holder = h('div', { class: 'graph-scroll' });
  private readonly legend = h('p', { class: 'graph-legend' });
  /** Blocks per band of the graph drawn last; a resize that changes it redraws. */
  private drawnPerRow = 0;
  private blockCount = 0;

  constructor(private readonly ctx: PanelContext) {
    this.el = h('section', { class: 'card', attrs: { 'aria-labelledby': 'graph-heading', id: 'block-graph' } }, h('h2', { attrs: { id: 'graph-heading' }, text: 'Blocks' }), this.holder, this.legend);
    this.legend.textContent = 'Each student block is trained alone to turn the teacher’s feature map on its left into the one on its right (MSE). Colour: phase; stronger = lower loss.';
    new ResizeObserver(() => {
      if (this.blockCount > 0 && blocksPerRow(this.blockCount, this.holder.clientWidth) !== this.drawnPerRow) this.render();
    }).observe(this.holder);
  }

  render(): void {
    const st = this.ctx.store.state;
    const teacher = st.teacher;
    const space = st.space;
    const count = space?.blocks.length ?? teacher?.blocks.length ?? 0;
    this.blockCount = teacher || space ? count : 0;
    if (!teacher && !space) {
      replaceChildren(this.holder, h('p', { class: 'empty', text: 'Waiting for the teacher to be cut into blocks…' }));
      this.drawnPerRow = 0;
      return;
    }
    const perRow = blocksPerRow(count, this.holder.clientWidth);
    const layout = graphLayout(count, perRow);
    this.drawnPerRow = perRow;
    const statuses = blockStatuses(st);
    const svg = s('svg', { class: 'block-graph', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'group', 'aria-label': 'Teacher and student blocks', 'data-rows': layout.rows });
    // The stylesheet scales the SVG to the holder between these two widths (CSSOM: the CSP allows it).
    svg.style.setProperty('--graph-w', `${layout.width}px`);
    svg.style.setProperty('--graph-min-w', `${Math.ceil(layout.width * MIN_GRAPH_SCALE)}px`);
    const defs = s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow-head' })));
    svg.append(defs);

    // The feature maps at each cut: the stem's output, then each block's output.
    const shapes: (readonly number[] | undefined)[] = [];
    for (let i = 0; i <= count; i++) {
      const fromTeacher = i === 0 ? teacher?.blocks[0]?.inputShape : teacher?.blocks[i - 1]?.outputShape;
      const fromSpace = i === 0 ? space?.blocks[0]?.inputShape : space?.blocks[i - 1]?.outputShape;
      shapes.push(fromTeacher ?? fromSpace);
    }
    const edges = s('g', { class: 'edges' });
    svg.append(edges);
    const line = (x1: number, y1: number, x2: number, y2: number, cls: string) => edges.append(s('line', { x1, y1, x2, y2, class: cls, 'marker-end': 'url(#arrow)' }));
    const midY = (r: Rect) => r.y + r.h / 2;
    line(layout.stem.x + layout.stem.w, midY(layout.stem), layout.maps[0].x, midY(layout.maps[0]), 'edge teacher-edge');
    line(layout.maps[count].x + layout.maps[count].w, midY(layout.maps[count]), layout.head.x, midY(layout.head), 'edge teacher-edge');
    for (const [r, c] of layout.continues.entries()) {
      const end = layout.maps[(r + 1) * layout.perRow];
      line(end.x + end.w, midY(end), c.x, midY(c), 'edge teacher-edge');
    }
    for (let i = 0; i < count; i++) {
      const t = layout.teacher[i];
      const st2 = layout.student[i];
      const a = layout.inputs[i];
      const b = layout.maps[i + 1];
      line(a.x + a.w / 2, a.y, t.x + 14, t.y + t.h, 'edge teacher-edge');
      line(t.x + t.w - 14, t.y + t.h, b.x + b.w / 2, b.y, 'edge teacher-edge');
      line(a.x + a.w / 2, a.y + a.h, st2.x + 14, st2.y, 'edge student-edge');
      line(st2.x + st2.w - 14, st2.y, b.x + b.w / 2, b.y + b.h, 'edge target-edge');
    }

    svg.append(this.endBox(layout.stem, 'stem', teacher ? [formatCount(teacher.stem.flops), 'FLOPs'] : []));
    svg.append(this.endBox(layout.head, 'head', teacher ? [String(teacher.numClasses), 'classes'] : []));
    for (const c of layout.continues) svg.append(this.endBox(c, '↓', ['next', 'row'], 'The blocks go on in the next row, from this feature map'));
    const mapBox = (r: Rect, i: number, repeat: boolean) => {
      const shape = shapes[i];
      const what = i === 0 ? 'Feature map after the stem' : `Feature map after block ${i - 1}`;
      return s('g', { class: repeat ? 'feature-map map-repeat' : 'feature-map', 'data-map': i },
        s('rect', { x: r.x, y: r.y, width: r.w, height: r.h, rx: 13 }),
        s('text', { x: r.x + r.w / 2, y: r.y + r.h / 2 + 4, 'text-anchor': 'middle', class: 'map-text' }, shape ? formatShape(shape) : '?'),
        s('title', {}, repeat ? `${what} (continued from the row above)` : what),
      );
    };
    layout.maps.forEach((r, i) => svg.append(mapBox(r, i, false)));
    for (const { map, rect } of layout.repeats) svg.append(mapBox(rect, map, true));

    for (let i = 0; i < count; i++) {
      const tb = teacher?.blocks[i];
      const sb = space?.blocks[i];
      const status = statuses[i];
      const selected = this.ctx.ui.block === i;
      const name = tb?.name ?? sb?.name ?? `block ${i}`;
      const tr = layout.teacher[i];
      const teacherLines = tb ? [`${tb.layers.length} layers`, `${formatCount(tb.params)} params`, `${formatCount(tb.flops)} FLOPs`] : ['teacher block'];
      svg.append(this.blockBox(tr, i, 'teacher', name, teacherLines, selected, `Teacher block ${i}, ${name}: ${tb ? `${tb.layers.length} layers, ${formatShape(tb.inputShape)} to ${formatShape(tb.outputShape)}` : ''}`));
      const sr = layout.student[i];
      const phaseText = status ? (status.phase === 'training' ? `training ${Math.round(status.progress * 100)}%` : status.phase === 'ranked' ? `ranked · ${status.rankedCandidates} paths` : PHASE_TEXT[status.phase]) : 'pending';
      const studentLines = [sb ? `depth ${sb.depths.join('/')} · width ${sb.width}` : 'student block', phaseText, status?.loss !== undefined ? `loss ${formatScore(status.loss)}` : ' '];
      const g = this.blockBox(sr, i, 'student', `student ${i}`, studentLines, selected, `Student block ${i}: ${phaseText}${status?.loss !== undefined ? `, loss ${formatScore(status.loss)}` : ''}`);
      g.classList.add(`phase-${status?.phase ?? 'pending'}`);
      // Colour strength: how far the loss fell from where training started.
      const quality = status?.lossRatio !== undefined ? Math.round(12 + 30 * (1 - status.lossRatio)) : 14;
      g.style.setProperty('--q', `${quality}%`);
      if (status && (status.phase === 'training' || status.phase === 'ranking')) {
        g.append(s('rect', { class: 'progress-track', x: sr.x + 8, y: sr.y + sr.h - 7, width: sr.w - 16, height: 3, rx: 1.5 }));
        g.append(s('rect', { class: 'progress-fill', x: sr.x + 8, y: sr.y + sr.h - 7, width: Math.max(1, (sr.w - 16) * status.progress), height: 3, rx: 1.5 }));
      }
      svg.append(g);
    }
    // Redraws replace the SVG; keep keyboard focus on the block that had it.
    const active = document.activeElement;
    const focused = active instanceof SVGGElement && this.holder.contains(active) ? { block: Number(active.dataset.block), row: active.dataset.row as 'teacher' | 'student' } : undefined;
    replaceChildren(this.holder, svg);
    if (focused) this.focusBlock(focused.block, focused.row);
  }

  private endBox(r: Rect, label: string, lines: string[], tooltip?: string): SVGGElement {
    return s('g', { class: 'end-box' },
      tooltip ? s('title', {}, tooltip) : null,
      s('rect', { x: r.x, y: r.y, width: r.w, height: r.h, rx: 4 }),
      s('text', { x: r.x + r.w / 2, y: r.y + 14, 'text-anchor': 'middle', class: 'box-title' }, label),
      ...lines.map((l, k) => s('text', { x: r.x + r.w / 2, y: r.y + 28 + k * 12, 'text-anchor': 'middle', class: 'box-sub' }, l)),
    );
  }

  private blockBox(r: Rect, index: number, row: 'teacher' | 'student', title: string, lines: string[], selected: boolean, label: string): SVGGElement {
    const g = s('g', { class: `block ${row}-block${selected ? ' selected' : ''}`, tabindex: 0, role: 'button', 'aria-pressed': String(selected), 'aria-label': `${label}. Show details.`, 'data-block': index, 'data-row': row });
    g.append(s('rect', { class: 'block-rect', x: r.x, y: r.y, width: r.w, height: r.h, rx: 5 }));
    g.append(s('text', { x: r.x + 8, y: r.y + 17, class: 'box-title' }, title));
    lines.forEach((l, k) => g.append(s('text', { x: r.x + 8, y: r.y + 33 + k * 14, class: 'box-sub' }, l)));
    g.append(s('title', {}, label));
    const select = () => this.ctx.selectBlock(index);
    g.addEventListener('click', select);
    g.addEventListener('keydown', (e) => {
      const ev = e as KeyboardEvent;
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        select();
      } else if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
        ev.preventDefault();
        const next = this.holder.querySelector<SVGGElement>(`g.block[data-row="${row}"][data-block="${index + (ev.key === 'ArrowRight' ? 1 : -1)}"]`);
        next?.focus();
      }
    });
    return g;
  }

  focusBlock(index: number, row: 'teacher' | 'student'): void {
    this.holder.querySelector<SVGGElement>(`g.block[data-row="${row}"][data-block="${index}"]`)?.focus();
  }
}

/**
 * The candidate table of the selected block: every ranked path, sortable by any column and
 * filterable, virtualised (only the rows in view exist in the DOM) so thousands of rows scroll
 * without lag. An ARIA grid: arrow keys, Page Up/Down, Home/End move the active row, Enter
 * opens it in the editor.
 */
import { h, replaceChildren } from '../dom';
import { candidateRows, filterRows, nextSort, sortRows, type CandidateRow, type SortKey } from '../logic/candidates';
import { formatCount, formatScore } from '../logic/format';
import type { PanelContext } from '../panel-context';

const ROW_HEIGHT = 24;
const OVERSCAN = 6;

const COLUMNS: { key: SortKey | 'action'; label: string; numeric?: boolean }[] = [
  { key: 'rank', label: 'Rank', numeric: true },
  { key: 'depth', label: 'Depth', numeric: true },
  { key: 'ops', label: 'Ops per layer' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'params', label: 'Params', numeric: true },
  { key: 'flops', label: 'FLOPs', numeric: true },
  { key: 'action', label: 'Action' },
];

export class CandidateTableView {
  readonly el: HTMLElement;
  private readonly blockSelect: HTMLElement;
  private readonly filter: HTMLElement & { value: string };
  private readonly count = h('span', { class: 'muted', attrs: { id: 'candidate-count', 'aria-live': 'polite' } });
  private readonly grid: HTMLElement;
  private readonly headRow: HTMLElement;
  private readonly spacer = h('div', { class: 'ctable-spacer', attrs: { role: 'rowgroup' } });
  private rows: CandidateRow[] = [];
  private rowsKey = '';
  private active = 0;
  private pool: HTMLElement[] = [];
  private scrollPending = false;
  private blockOptionsKey = '';

  constructor(private readonly ctx: PanelContext) {
    this.blockSelect = h('vscode-dropdown', { attrs: { id: 'candidate-block', 'aria-label': 'Block' } });
    this.blockSelect.addEventListener('change', () => {
      const v = Number((this.blockSelect as HTMLElement & { value: string }).value);
      if (Number.isInteger(v) && v !== this.ctx.ui.block) this.ctx.selectBlock(v);
    });
    this.filter = h('vscode-text-field', { attrs: { id: 'candidate-filter', placeholder: 'Filter: k5 d3 flops<1M score<0.3', 'aria-label': 'Filter candidates (ops, d<depth>, or score/params/flops/depth comparisons)' } }) as HTMLElement & { value: string };
    this.filter.addEventListener('input', () => this.ctx.setFilter(this.filter.value ?? ''));

    this.headRow = h('div', { class: 'ctable-row ctable-head', attrs: { role: 'row', 'aria-rowindex': 1 } });
    this.grid = h(
      'div',
      { class: 'ctable', attrs: { id: 'candidate-grid', role: 'grid', tabindex: 0, 'aria-label': 'Ranked candidates', 'aria-colcount': COLUMNS.length } },
      h('div', { class: 'ctable-headgroup', attrs: { role: 'rowgroup' } }, this.headRow),
      this.spacer,
    );
    this.grid.addEventListener('scroll', () => this.onScroll());
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.grid.addEventListener('focus', () => this.paintRows());
    this.grid.addEventListener('blur', () => this.paintRows());

    this.el = h(
      'section',
      { class: 'card', attrs: { 'aria-labelledby': 'candidates-heading', id: 'candidates' } },
      h('h2', { attrs: { id: 'candidates-heading' }, text: 'Candidates' }),
      h('div', { class: 'toolbar' }, h('label', { class: 'toolbar-label', attrs: { for: 'candidate-block' }, text: 'Block' }), this.blockSelect, this.filter, this.count),
      this.grid,
      h('p', { class: 'muted hint', text: 'Score: relative L1 distance to the teacher’s feature map on held-out training images (lower is better). Enter or double-click opens a candidate in the editor.' }),
    );
  }

  render(): void {
    const { store, ui } = this.ctx;
    this.renderBlockOptions();
    if (this.filter.value !== ui.filter && document.activeElement !== this.filter) this.filter.value = ui.filter;
    const key = `${store.rankingVersion}|${ui.block}|${ui.sort.key}:${ui.sort.dir}|${ui.filter}`;
    if (key !== this.rowsKey) {
      const blockChanged = this.rowsKey.split('|')[1] !== String(ui.block);
      this.rowsKey = key;
      const all = candidateRows(store.state, ui.block);
      this.rows = sortRows(filterRows(all, ui.filter), ui.sort);
      this.count.textContent = all.length ? `${this.rows.length} of ${all.length} candidates` : '';
      this.grid.setAttribute('aria-rowcount', String(this.rows.length + 1));
      this.spacer.style.height = `${this.rows.length * ROW_HEIGHT}px`;
      if (blockChanged) {
        this.active = 0;
        this.grid.scrollTop = 0;
      }
      this.active = Math.min(this.active, Math.max(0, this.rows.length - 1));
      this.renderHead();
    }
    this.paintRows();
  }

  private renderBlockOptions(): void {
    const st = this.ctx.store.state;
    const names = (st.space?.blocks ?? []).map((b) => `${b.index}:${st.teacher?.blocks[b.index]?.name ?? b.name}`);
    const key = names.join('|');
    const dd = this.blockSelect as HTMLElement & { value: string };
    if (key !== this.blockOptionsKey) {
      this.blockOptionsKey = key;
      replaceChildren(this.blockSelect, ...names.map((n) => {
        const [i, name] = n.split(/:(.*)/);
        return h('vscode-option', { attrs: { value: i }, text: `Block ${i} · ${name}` });
      }));
    }
    if (dd.value !== String(this.ctx.ui.block)) dd.value = String(this.ctx.ui.block);
  }

  private renderHead(): void {
    const sort = this.ctx.ui.sort;
    replaceChildren(
      this.headRow,
      ...COLUMNS.map((c, i) => {
        const cell = h('div', { class: `ctable-cell col-${c.key}${c.numeric ? ' num' : ''}`, attrs: { role: 'columnheader', 'aria-colindex': i + 1 } });
        if (c.key === 'action') {
          cell.textContent = c.label;
          cell.classList.add('visually-hidden-text');
          return cell;
        }
        const key = c.key;
        const sorted = sort.key === key;
        if (sorted) cell.setAttribute('aria-sort', sort.dir === 'asc' ? 'ascending' : 'descending');
        cell.append(
          h('button', { class: 'sort-button', attrs: { 'data-sort': key, title: `Sort by ${c.label.toLowerCase()}` }, on: { click: () => this.ctx.setSort(nextSort(this.ctx.ui.sort, key)) } }, c.label, h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' }, text: sorted ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '' })),
        );
        return cell;
      }),
    );
  }

  private onScroll(): void {
    if (this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      this.paintRows();
    });
  }

  private viewportRows(): number {
    return Math.max(1, Math.floor((this.grid.clientHeight - ROW_HEIGHT) / ROW_HEIGHT));
  }

  /** Draws only the rows in view (plus a few either side), reusing row elements. */
  private paintRows(): void {
    const n = this.rows.length;
    if (n === 0) {
      for (const r of this.pool) r.remove();
      this.pool = [];
      this.grid.removeAttribute('aria-activedescendant');
      if (!this.spacer.querySelector('.empty')) replaceChildren(this.spacer, h('p', { class: 'empty', text: this.ctx.store.state.space ? (this.ctx.ui.filter ? 'No candidate matches the filter.' : 'This block is not ranked yet.') : 'No candidates yet.' }));
      return;
    }
    this.spacer.querySelector('.empty')?.remove();
    const top = Math.max(0, this.grid.scrollTop);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((top + this.grid.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const needed = last - first;
    while (this.pool.length < needed) {
      const row = h('div', { class: 'ctable-row', attrs: { role: 'row' } }, ...COLUMNS.map((c, i) => h('div', { class: `ctable-cell col-${c.key}${c.numeric ? ' num' : ''}`, attrs: { role: 'gridcell', 'aria-colindex': i + 1 } })));
      row.addEventListener('click', (e) => this.onRowClick(row, e));
      row.addEventListener('dblclick', () => this.open(Number(row.dataset.index)));
      const actionCell = row.lastElementChild!;
      actionCell.append(h('button', { class: 'link-button row-open', text: 'Open', attrs: { tabindex: -1 } }));
      this.spacer.append(row);
      this.pool.push(row);
    }
    while (this.pool.length > needed) this.pool.pop()!.remove();
    const chosen = new Set(this.ctx.activeArchitecture()?.candidates ?? []);
    const focused = document.activeElement === this.grid;
    for (let k = 0; k < needed; k++) {
      const i = first + k;
      const r = this.rows[i];
      const row = this.pool[k];
      row.dataset.index = String(i);
      row.dataset.id = r.id;
      row.id = `cand-row-${i}`;
      row.setAttribute('aria-rowindex', String(i + 2));
      row.setAttribute('aria-selected', String(i === this.active));
      row.classList.toggle('active', i === this.active);
      row.classList.toggle('focus-ring', i === this.active && focused);
      row.classList.toggle('in-selection', chosen.has(r.id));
      row.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      const cells = row.children;
      cells[0].textContent = String(r.rank);
      cells[1].textContent = String(r.depth);
      cells[2].textContent = r.ops.split('-').join(' ');
      cells[3].textContent = formatScore(r.score);
      cells[4].textContent = formatCount(r.params);
      cells[5].textContent = formatCount(r.flops);
      (cells[6].firstElementChild as HTMLElement).title = `Open ${r.id} in the editor`;
      row.title = chosen.has(r.id) ? `${r.id} (in the selected architecture)` : r.id;
    }
    if (this.active >= first && this.active < last) this.grid.setAttribute('aria-activedescendant', `cand-row-${this.active}`);
    else this.grid.removeAttribute('aria-activedescendant');
  }

  private onRowClick(row: HTMLElement, e: MouseEvent): void {
    const i = Number(row.dataset.index);
    if ((e.target as HTMLElement).closest('.row-open')) {
      this.open(i);
      return;
    }
    this.active = i;
    this.grid.focus();
    this.paintRows();
  }

  private open(i: number): void {
    const r = this.rows[i];
    if (r) this.ctx.sendCandidates('open-candidate', [r.id]);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.grid || this.rows.length === 0) return;
    const page = this.viewportRows();
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next = this.active;
    if (e.key in moves) next += moves[e.key];
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = this.rows.length - 1;
    else if (e.key === 'Enter') {
      e.preventDefault();
      this.open(this.active);
      return;
    } else return;
    e.preventDefault();
    this.active = Math.max(0, Math.min(this.rows.length - 1, next));
    this.scrollToActive();
    this.paintRows();
  }

  private scrollToActive(): void {
    const y = this.active * ROW_HEIGHT;
    const viewTop = this.grid.scrollTop;
    const viewBottom = viewTop + this.grid.clientHeight - ROW_HEIGHT; // the sticky header covers one row
    if (y < viewTop) this.grid.scrollTop = y;
    else if (y + ROW_HEIGHT > viewBottom) this.grid.scrollTop = y + 2 * ROW_HEIGHT - this.grid.clientHeight;
  }
}

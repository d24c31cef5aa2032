/** The run's log messages (warnings and errors stand out), newest last. */
import { h, replaceChildren } from '../dom';
import type { PanelContext } from '../panel-context';

const SHOWN = 200;

export class LogView {
  readonly el: HTMLElement;
  private readonly list = h('ol', { class: 'log-list', attrs: { id: 'log-list' } });
  private readonly summary = h('summary', {});
  private drawn = -1;

  constructor(private readonly ctx: PanelContext) {
    this.el = h('section', { class: 'card' }, h('details', {}, this.summary, this.list));
  }

  render(): void {
    const logs = this.ctx.store.state.logs;
    const key = logs.length ? logs[logs.length - 1].t * 1000 + logs.length : 0;
    if (key === this.drawn) return;
    this.drawn = key;
    const problems = logs.filter((l) => l.level !== 'info').length;
    this.summary.textContent = `Log (${logs.length} message${logs.length === 1 ? '' : 's'}${problems ? `, ${problems} warning${problems === 1 ? '' : 's'} or error${problems === 1 ? '' : 's'}` : ''})`;
    const fmtTime = (t: number) => new Date(t).toLocaleTimeString();
    replaceChildren(this.list, ...logs.slice(-SHOWN).map((l) => h('li', { class: `log-${l.level}` }, h('time', { text: fmtTime(l.t) }), ` ${l.level}: ${l.message}`)));
  }
}

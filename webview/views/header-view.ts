/** The header: run name and status, phase steps, backend, elapsed/ETA, Stop/Resume, notices. */
import { PHASES } from '../../src/shared/events';
import { overallProgress } from '../../src/shared/run-state';
import { h, replaceChildren } from '../dom';
import { formatCount, formatDuration, formatPercent } from '../logic/format';
import { elapsedMs, etaMs } from '../logic/timing';
import type { PanelContext } from '../panel-context';

const PHASE_LABEL = { prepare: 'Prepare', distill: 'Distill', rank: 'Rank', search: 'Search', retrain: 'Retrain' } as const;
const STATUS_LABEL = { idle: 'Waiting', running: 'Running', completed: 'Completed', stopped: 'Stopped', failed: 'Failed', interrupted: 'Interrupted' } as const;

export class HeaderView {
  readonly el: HTMLElement;
  private readonly title = h('h1', { class: 'run-title', attrs: { id: 'run-title' } });
  private readonly status = h('span', { class: 'status-badge', attrs: { id: 'run-status', role: 'status' } });
  private readonly ring = h('vscode-progress-ring', { class: 'run-ring', attrs: { 'aria-label': 'Search running' } });
  private readonly steps = h('ol', { class: 'phase-steps', attrs: { 'aria-label': 'Phases' } });
  private readonly facts = h('dl', { class: 'run-facts', attrs: { id: 'run-facts' } });
  private readonly summary = h('p', { class: 'run-summary', attrs: { id: 'run-summary' } });
  private readonly notice = h('div', { class: 'notice', attrs: { id: 'notice', role: 'alert' } });
  private readonly stop: HTMLElement;
  private readonly resume: HTMLElement;

  constructor(private readonly ctx: PanelContext) {
    this.stop = h('vscode-button', { attrs: { id: 'stop-button', appearance: 'secondary', title: 'Checkpoint and stop the search' }, text: 'Stop', on: { click: () => this.ctx.store.canStop && this.ctx.post({ type: 'stop' }) } });
    this.resume = h('vscode-button', { attrs: { id: 'resume-button', appearance: 'primary', title: 'Resume from the last finished step' }, text: 'Resume', on: { click: () => this.ctx.store.canResume && this.ctx.post({ type: 'resume' }) } });
    this.el = h(
      'header',
      { class: 'panel-header' },
      this.notice,
      h('div', { class: 'header-top' }, h('div', { class: 'title-line' }, this.title, this.status, this.ring), h('div', { class: 'header-actions' }, this.stop, this.resume)),
      this.steps,
      this.facts,
      this.summary,
    );
    // The stylesheet's scroll-padding stops scrolled-to sections below this sticky header; it
    // needs the header's real height, which changes as it wraps and as notices come and go.
    new ResizeObserver(() => document.documentElement.style.setProperty('--header-h', `${Math.ceil(this.el.getBoundingClientRect().height)}px`)).observe(this.el);
  }

  render(now: number): void {
    const { store } = this.ctx;
    const st = store.state;
    this.title.textContent = st.name ? `DNA Search · ${st.name}` : 'DNA Search';
    const status = store.displayStatus;
    this.status.textContent = STATUS_LABEL[status];
    this.status.className = `status-badge status-${status}`;
    this.ring.classList.toggle('hidden', !store.running);
    this.stop.toggleAttribute('disabled', !store.canStop);
    this.resume.toggleAttribute('disabled', !store.canResume);
    // A disabled primary button still reads as a call to action; only a resumable run gets one.
    this.resume.setAttribute('appearance', store.canResume ? 'primary' : 'secondary');

    replaceChildren(
      this.steps,
      ...PHASES.map((p) => {
        const s = st.phases[p];
        const mark = s === 'done' ? '✓' : s === 'running' ? '●' : s === 'skipped' ? '–' : '○';
        return h('li', { class: `phase phase-${s}`, attrs: { 'aria-current': s === 'running' ? 'step' : undefined, title: `${PHASE_LABEL[p]}: ${s}` } }, h('span', { class: 'phase-mark', attrs: { 'aria-hidden': 'true' } , text: mark }), ` ${PHASE_LABEL[p]}`);
      }),
    );

    const live = store.running;
    const facts: [string, string][] = [];
    if (st.currentPhase) facts.push(['Phase', `${PHASE_LABEL[st.currentPhase]} (${st.phases[st.currentPhase]})`]);
    if (st.backend) facts.push(['Backend', `${st.backend.kind} · ${st.backend.name} · ${st.backend.threads} thread${st.backend.threads === 1 ? '' : 's'}${st.workers !== undefined ? ` · ${st.workers} worker${st.workers === 1 ? '' : 's'}` : ''}`]);
    const elapsed = elapsedMs(st, now, live, store.lastEventReceivedAt);
    if (elapsed !== undefined) facts.push(['Elapsed', formatDuration(elapsed)]);
    const eta = etaMs(st, now, live, store.lastEventReceivedAt);
    facts.push(['ETA', eta !== undefined ? formatDuration(eta) : '—']);
    if (live) facts.push(['Progress', formatPercent(overallProgress(st), 0)]);
    replaceChildren(this.facts, ...facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v, attrs: { 'data-fact': k.toLowerCase() } })]));
    if (st.backend) this.facts.title = st.backend.reason;

    const sum = st.summary;
    if (sum) {
      this.summary.textContent = `Teacher ${formatPercent(sum.teacher.testAccuracy)} test accuracy, ${formatCount(sum.teacher.params)} params, ${formatCount(sum.teacher.flops)} FLOPs → student ${formatPercent(sum.student.testAccuracy)}, ${formatCount(sum.student.params)} params (${formatPercent(sum.student.params / sum.teacher.params, 0)}), ${formatCount(sum.student.flops)} FLOPs (${formatPercent(sum.student.flops / sum.teacher.flops, 0)}).`;
    } else if (st.finishMessage && st.status !== 'failed') this.summary.textContent = st.finishMessage;
    else if (status === 'interrupted') this.summary.textContent = `The search process ended without finishing this run.${store.canResume ? ' Resume continues from the last finished step.' : ''}`;
    else this.summary.textContent = '';
    this.summary.classList.toggle('hidden', !this.summary.textContent);

    const notices: string[] = [];
    if (store.notice) notices.push(store.notice);
    else if (store.readOnly) notices.push('This run is open read-only.');
    if (st.status === 'failed' && st.finishMessage && !sum) notices.push(`The search failed: ${st.finishMessage}`);
    this.notice.textContent = notices.join(' ');
    this.notice.classList.toggle('hidden', notices.length === 0);
    this.notice.classList.toggle('notice-readonly', store.readOnly);
  }
}

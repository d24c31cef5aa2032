/**
 * What a terminal user sees while a search runs. On a TTY: one status line redrawn in place —
 * phase, block, epoch, a bar and the ETA — with notable events (logs, epoch results) printed
 * above it. Elsewhere (CI logs, pipes): one plain line per notable event, nothing redrawn.
 */
import { PHASES, type EngineEvent } from '../../shared/events';
import { applyEvent, emptyRunState, overallProgress } from '../../shared/run-state';

const BAR = 24;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
}

export class ProgressDisplay {
  private readonly state = emptyRunState();
  private status = '';
  private lastDraw = 0;
  private readonly start = Date.now();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly interactive = Boolean(out.isTTY),
  ) {}

  handle(e: EngineEvent): void {
    applyEvent(this.state, e);
    const line = this.notable(e);
    if (line) this.print(line);
    if (this.interactive) this.redraw(e.type !== 'distill-progress' && e.type !== 'retrain-progress');
  }

  finish(): void {
    if (this.interactive && this.status) this.out.write('\r\x1b[2K');
    this.status = '';
  }

  private notable(e: EngineEvent): string | undefined {
    switch (e.type) {
      case 'run-started':
        return `${e.resumed ? 'Resuming' : 'Starting'} ${e.name} in ${e.runDir}\n  backend: ${e.backend.name} (${e.backend.kind}, tfjs ${e.backend.tfjsVersion}, ${e.backend.threads} thread(s)/process) x ${e.workers} worker process(es) — ${e.backend.reason}`;
      case 'phase':
        return e.state === 'started' ? `== ${e.phase} (phase ${PHASES.indexOf(e.phase) + 1}/${PHASES.length})` : e.state === 'skipped' ? `== ${e.phase}: already done, skipped` : undefined;
      case 'log':
        return e.level === 'info' ? e.message : `${e.level}: ${e.message}`;
      case 'distill-epoch':
        return `  block ${e.block} depth ${e.depth}: epoch ${e.epoch + 1} train MSE ${e.trainLoss.toFixed(4)}, held-out MSE ${e.heldOutLoss.toFixed(4)}`;
      case 'ranking': {
        const best = e.candidates[0];
        return `  block ${e.block} depth ${e.depth}: ranked ${e.candidates.length} paths; best ${best?.ops} (score ${best?.score.toFixed(4)}; lower is better)`;
      }
      case 'retrain-epoch':
        return `  retrain epoch ${e.epoch + 1}: loss ${e.trainLoss.toFixed(4)}, train acc ${(e.trainAccuracy * 100).toFixed(2)}%, held-out acc ${(e.heldOutAccuracy * 100).toFixed(2)}%`;
      case 'run-finished':
        return e.status === 'completed' ? undefined : `Run ${e.status}${e.message ? `: ${e.message}` : ''}`;
      default:
        return undefined;
    }
  }

  private print(line: string): void {
    if (this.interactive && this.status) this.out.write('\r\x1b[2K');
    this.out.write(`${line}\n`);
    if (this.interactive && this.status) this.out.write(this.status);
  }

  private redraw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const p = overallProgress(this.state);
    const elapsed = (now - this.start) / 1000;
    const eta = p > 0.02 ? (elapsed * (1 - p)) / p : NaN;
    const phase = this.state.currentPhase ?? 'prepare';
    let detail = '';
    if (phase === 'distill') {
      const active = Object.values(this.state.supernets).filter((s) => s.progress && !(s.progress.epoch + 1 >= s.progress.epochs && s.progress.step >= s.progress.steps));
      detail = active.map((s) => `b${s.block}d${s.depth} ep ${s.progress!.epoch + 1}/${s.progress!.epochs}`).join(', ');
    } else if (phase === 'rank') {
      const active = Object.values(this.state.supernets).filter((s) => s.rankProgress && !s.ranking);
      detail = active.map((s) => `b${s.block}d${s.depth} ${s.rankProgress!.done}/${s.rankProgress!.total}`).join(', ');
    } else if (phase === 'retrain' && this.state.retrain.progress) {
      const r = this.state.retrain.progress;
      detail = `epoch ${r.epoch + 1}/${r.epochs} step ${r.step}/${r.steps}`;
    }
    // A terminal can report 0 columns (under `script`, some CI loggers): treat it as unknown.
    const cols = this.out.columns || 120;
    this.status = `${bar(p)} ${(p * 100).toFixed(0).padStart(3)}% ${phase} ${detail} | ${formatDuration(elapsed)} elapsed, ETA ${formatDuration(eta)}`.slice(0, cols - 1);
    this.out.write(`\r\x1b[2K${this.status}`);
  }
}

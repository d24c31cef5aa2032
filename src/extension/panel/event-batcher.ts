/**
 * Collects items and hands them over at most once per interval, so a training loop that emits
 * hundreds of events a second reaches the panel as a few messages a second. The first item after
 * a quiet spell waits at most one interval; nothing is ever dropped.
 */
export class EventBatcher<T> {
  private pending: T[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly intervalMs = 150,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
  }

  /** Hands over whatever is pending now (e.g. before a `running: false`). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const items = this.pending;
    this.pending = [];
    this.flush(items);
  }

  /** Forgets pending items (a fresh `load` replaces them). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  dispose(): void {
    this.clear();
  }
}

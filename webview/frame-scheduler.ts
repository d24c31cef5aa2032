/**
 * Coalesces redraw requests: however many event batches arrive between two frames, each dirty
 * section is drawn once, on the next animation frame. This is what keeps a fast training loop
 * from flooding the panel.
 */
export class FrameScheduler<K> {
  private dirty = new Set<K>();
  private pending = false;

  constructor(
    private readonly render: (dirty: Set<K>) => void,
    /** requestAnimationFrame in the panel; a fake in tests. */
    private readonly requestFrame: (cb: () => void) => unknown,
  ) {}

  mark(keys: Iterable<K>): void {
    for (const k of keys) this.dirty.add(k);
    if (this.pending || this.dirty.size === 0) return;
    this.pending = true;
    this.requestFrame(() => this.flush());
  }

  /** Draws now (also used by tests and by the first paint). */
  flush(): void {
    this.pending = false;
    if (this.dirty.size === 0) return;
    const batch = this.dirty;
    this.dirty = new Set();
    this.render(batch);
  }
}

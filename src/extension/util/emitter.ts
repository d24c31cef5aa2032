/**
 * A tiny typed event emitter with VS Code's `Event` shape (`emitter.event(listener)` returns a
 * disposable). The search session and supervisor are plain Node modules, unit-tested without
 * VS Code, so they cannot use `vscode.EventEmitter`.
 */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    // A throwing listener must not stop the others (nor the child's message stream).
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        console.error('[dna-search] listener failed:', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/**
 * The webview's side of the host connection. Every outgoing message is checked against the
 * shared FromWebview schema first, so the panel can never send the host something it would
 * reject; every incoming one goes through parseToWebview, and what fails is dropped with a
 * warning instead of half-applied.
 */
import { parseFromWebview, parseToWebview, type FromWebview, type ToWebview } from '../src/shared/protocol';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Provided by VS Code inside webviews (and by the standalone test harness).
  function acquireVsCodeApi(): VsCodeApi;
}

export class HostBridge {
  constructor(private readonly api: VsCodeApi) {}

  static acquire(): HostBridge {
    if (typeof acquireVsCodeApi !== 'function') throw new Error('This page is the DNA Search panel and only runs inside VS Code (acquireVsCodeApi is missing).');
    return new HostBridge(acquireVsCodeApi());
  }

  /** Posts a message if it is valid; returns whether it was sent. */
  post(message: FromWebview): boolean {
    const r = parseFromWebview(message);
    if (!r.ok) {
      console.warn(`DNA Search panel: not sending ${message.type}: ${r.error}`);
      return false;
    }
    this.api.postMessage(r.value);
    return true;
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }

  /** Calls `onMessage` for each valid host message. */
  listen(onMessage: (msg: ToWebview) => void): void {
    window.addEventListener('message', (event: MessageEvent) => {
      const r = parseToWebview(event.data);
      if (!r.ok) {
        console.warn(`DNA Search panel: dropped a message: ${r.error}`);
        return;
      }
      onMessage(r.value);
    });
  }
}

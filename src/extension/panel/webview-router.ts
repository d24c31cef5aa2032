/**
 * Everything the panel's webview sends arrives here first: validated against the shared schema
 * (parseFromWebview), then dispatched to one handler. A message that does not validate is
 * dropped and logged — a confused or compromised webview can only ask for what the schema allows.
 */
import { parseFromWebview, type FromWebview } from '../../shared/protocol';

type Of<T extends FromWebview['type']> = Extract<FromWebview, { type: T }>;

export interface PanelRequestHandlers {
  ready(): void;
  stop(): void;
  resume(): void;
  uiState(state: Of<'ui-state'>['state']): void;
  openCandidate(message: Of<'open-candidate'>): void;
  insertArchitecture(message: Of<'insert-architecture'>): void;
  showDiff(message: Of<'show-diff'>): void;
}

/** Returns whether the message was valid (and handled). */
export function routeFromWebview(raw: unknown, handlers: PanelRequestHandlers, warn: (message: string) => void): boolean {
  const parsed = parseFromWebview(raw);
  if (!parsed.ok) {
    warn(`dropped a message from the search panel: ${parsed.error}`);
    return false;
  }
  const m = parsed.value;
  switch (m.type) {
    case 'ready':
      handlers.ready();
      break;
    case 'stop':
      handlers.stop();
      break;
    case 'resume':
      handlers.resume();
      break;
    case 'ui-state':
      handlers.uiState(m.state);
      break;
    case 'open-candidate':
      handlers.openCandidate(m);
      break;
    case 'insert-architecture':
      handlers.insertArchitecture(m);
      break;
    case 'show-diff':
      handlers.showDiff(m);
      break;
  }
  return true;
}

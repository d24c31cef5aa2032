/**
 * Entry of the search panel (bundled to dist/webview.js, styles to dist/webview.css). Registers
 * the VS Code webview UI toolkit components, starts the panel, validates every host message
 * and tells the host it is ready for the run's events.
 */
import './zod-csp';
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeRadio,
  vsCodeRadioGroup,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import 'uplot/dist/uPlot.min.css';
import './styles/panel.css';
import { HostBridge } from './host-bridge';
import { PanelApp } from './panel-app';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing(), vsCodeRadio(), vsCodeRadioGroup(), vsCodeTextField());

function start(): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('DNA Search panel: the page has no #app element');
  let host: HostBridge;
  try {
    host = HostBridge.acquire();
  } catch (e) {
    root.textContent = (e as Error).message;
    return;
  }
  const app = new PanelApp(host, root);
  host.listen((msg) => app.receive(msg));
  host.post({ type: 'ready' });
}

start();

/**
 * Serves the search panel outside VS Code: the page from panelHtml (the same function the
 * extension's panel host calls, with the same strict CSP) and the built dist/webview.js and
 * dist/webview.css, from 127.0.0.1 on a free port. Nothing else is served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createNonce, panelHtml } from '../../../src/extension/panel/panel-html';

export const DIST = resolve(import.meta.dirname, '../../../dist');
const FILES: Record<string, string> = {
  '/dist/webview.js': 'text/javascript; charset=utf-8',
  '/dist/webview.css': 'text/css; charset=utf-8',
  '/dist/webview.js.map': 'application/json',
  '/dist/webview.css.map': 'application/json',
};

export interface PanelServer {
  origin: string;
  /** Nonces of the pages served, newest last. */
  nonces: string[];
  close(): Promise<void>;
}

export function assertWebviewBuilt(): void {
  for (const f of ['webview.js', 'webview.css']) {
    if (!existsSync(join(DIST, f))) throw new Error(`dist/${f} is missing: build the bundles first with \`node esbuild.mjs\``);
  }
}

export async function startPanelServer(): Promise<PanelServer> {
  assertWebviewBuilt();
  const nonces: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') {
      const nonce = createNonce();
      nonces.push(nonce);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css`, title: 'DNA Search (standalone)' }));
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const type = FILES[path];
    if (!type) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(readFileSync(join(DIST, path.slice('/dist/'.length))));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, nonces, close: () => new Promise((ok) => server.close(() => ok())) };
}

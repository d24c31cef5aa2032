/**
 * The search panel's HTML shell. Pure (no vscode import) so the extension's panel host and the
 * standalone browser test render exactly the same page.
 *
 * The CSP allows nothing by default; scripts only with this page's nonce; styles, fonts and
 * images only from the webview's own resource origin (`cspSource`), plus nonce'd style
 * elements; no remote content, no eval, no inline style attributes. The toolkit's components
 * style themselves through constructable stylesheets, which this CSP permits; its one probe
 * <style> element takes the style nonce from <meta property="csp-nonce">. Scripts and styles
 * get different nonces, so the one readable in the page cannot authorise a script.
 */

export interface PanelHtmlOptions {
  /** `webview.cspSource` in VS Code; the harness's own origin in the standalone test. */
  cspSource: string;
  /** A fresh random nonce per render for the script (see createNonce). */
  nonce: string;
  /** Nonce for style elements; a fresh one is made when absent. */
  styleNonce?: string;
  /** URI of dist/webview.js as the webview can load it (`webview.asWebviewUri`). */
  scriptUri: string;
  /** URI of dist/webview.css. */
  styleUri: string;
  /** Window title; the panel's tab title is set by the host. */
  title?: string;
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy of the panel, on its own for hosts that want to log or test it. */
export function panelCsp(cspSource: string, nonce: string, styleNonce: string): string {
  for (const n of [nonce, styleNonce]) if (!NONCE.test(n)) throw new Error(`panelHtml: a nonce must be at least 16 base64/url-safe characters (got ${JSON.stringify(n)})`);
  // Host sources (https://*.vscode-cdn.net) or 'self'; nothing that could end the directive.
  const sources = cspSource.trim().split(/\s+/);
  if (!cspSource.trim() || !sources.every((t) => t === "'self'" || /^[\w.:/*-]+$/.test(t))) {
    throw new Error(`panelHtml: cspSource ${JSON.stringify(cspSource)} is not a list of CSP host sources`);
  }
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${styleNonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(o: PanelHtmlOptions): string {
  const styleNonce = o.styleNonce ?? createNonce();
  const csp = panelCsp(o.cspSource, o.nonce, styleNonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta property="csp-nonce" content="${styleNonce}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttr(o.title ?? 'DNA Search')}</title>
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
</head>
<body>
<div id="app" aria-live="off"><p>Loading the search panel…</p></div>
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 random url-safe characters (192 bits) from the platform's crypto (Node 20 and browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (const b of bytes) out += alphabet[b & 63];
  return out;
}

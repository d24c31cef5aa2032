/**
 * What VS Code provides inside a webview, for the standalone panel test: acquireVsCodeApi (once
 * per page) whose postMessage records messages and whose state survives reloads (like the
 * serializer's), the theme variables on <html> and the theme class on <body>, plus a recorder
 * of CSP violations. Installed with page.addInitScript, before any page script runs.
 */
import type { Page } from 'playwright-core';
import { THEMES, type ThemeKind } from './vscode-theme-vars';

export interface ShimOptions {
  theme: ThemeKind;
}

// Plain JavaScript source, not a TypeScript function: the test runs through tsx, whose output
// may reference helpers (such as __name) that do not exist in the page.
const SHIM_SOURCE = String.raw`(opts) => {
  const KEY = 'dna-standalone-webview-state';
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
  let state = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi can only be called once');
    acquired = true;
    return Object.freeze({
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = s; sessionStorage.setItem(KEY, JSON.stringify(s)); return s; },
    });
  };
  window.__setTheme = (kind, vars) => {
    // Like VS Code, a theme replaces every variable: none of the previous theme's survive.
    const style = document.documentElement.style;
    for (const name of [...style]) if (name.startsWith('--vscode-')) style.removeProperty(name);
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.className = kind;
    document.body.dataset.vscodeThemeKind = kind;
    document.body.dataset.vscodeThemeName = kind;
  };
  // VS Code has the theme in place before the page's scripts run: apply it as soon as the
  // parser has created <body>.
  const observer = new MutationObserver(() => {
    if (!document.body) return;
    observer.disconnect();
    window.__setTheme(opts.kind, opts.vars);
  });
  observer.observe(document, { childList: true, subtree: true });
}`;

export async function installVsCodeShim(page: Page, opts: ShimOptions): Promise<void> {
  await page.addInitScript({ content: `(${SHIM_SOURCE})(${JSON.stringify({ kind: opts.theme, vars: THEMES[opts.theme] })});` });
}

/** Switches the theme the way VS Code does: variables on <html> first, then the body class. */
export async function setTheme(page: Page, theme: ThemeKind): Promise<void> {
  await page.evaluate(`window.__setTheme(${JSON.stringify(theme)}, ${JSON.stringify(THEMES[theme])})`);
}

/** Posts a host message to the panel, as the extension's webview.postMessage would. */
export async function postToPanel(page: Page, message: unknown): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
}

export async function postedMessages(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate('window.__posted');
}

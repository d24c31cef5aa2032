import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNonce, panelCsp, panelHtml } from '../../../src/extension/panel/panel-html';
import { graphLayout, overlaps, type Rect } from '../../../webview/logic/graph-layout';

test('block graph layout: nothing overlaps, everything is inside, each block sits between its two maps', () => {
  for (const n of [1, 5, 12]) {
    const g = graphLayout(n);
    assert.equal(g.teacher.length, n);
    assert.equal(g.student.length, n);
    assert.equal(g.maps.length, n + 1);
    const all: Rect[] = [g.stem, g.head, ...g.maps, ...g.teacher, ...g.student];
    for (const r of all) assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.w <= g.width && r.y + r.h <= g.height, 'inside the canvas');
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) assert.ok(!overlaps(all[i], all[j]), `boxes ${i} and ${j} overlap`);
    for (let b = 0; b < n; b++) {
      const mid = g.teacher[b].x + g.teacher[b].w / 2;
      const left = g.maps[b].x + g.maps[b].w / 2;
      const right = g.maps[b + 1].x + g.maps[b + 1].w / 2;
      assert.ok(Math.abs(mid - (left + right) / 2) < 1e-9);
      assert.ok(g.teacher[b].y + g.teacher[b].h < g.maps[b].y && g.maps[b].y + g.maps[b].h < g.student[b].y, 'teacher above, maps between, student below');
    }
  }
});

test('the panel page has a strict CSP with separate script and style nonces', () => {
  const nonce = createNonce();
  const html = panelHtml({ cspSource: 'https://*.vscode-cdn.net', nonce, scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1].replace(/&#39;|&apos;/g, "'");
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], [`'nonce-${nonce}'`]);
  assert.equal(directives['style-src'][0], 'https://*.vscode-cdn.net');
  const styleNonce = /^'nonce-(.+)'$/.exec(directives['style-src'][1])![1];
  assert.notEqual(styleNonce, nonce, 'the readable style nonce cannot run scripts');
  assert.ok(html.includes(`<meta property="csp-nonce" content="${styleNonce}">`), 'the toolkit finds its style nonce');
  assert.deepEqual(directives['font-src'], ['https://*.vscode-cdn.net']);
  assert.deepEqual(directives['img-src'], ['https://*.vscode-cdn.net']);
  assert.ok(!/unsafe-|\*\s*;|http:|data:/.test(csp), `nothing loose in: ${csp}`);
  assert.ok(html.includes(`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js"></script>`));
  assert.ok(!/\sstyle=/.test(html), 'no inline style attributes');
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, the bundle');
});

test('the page builder refuses what would weaken or break the CSP, and escapes URIs', () => {
  const ok = { cspSource: 'https://*.vscode-cdn.net', nonce: createNonce(), scriptUri: 'a.js', styleUri: 'a.css' };
  assert.throws(() => panelHtml({ ...ok, nonce: 'short' }), /nonce must be at least 16/);
  assert.throws(() => panelHtml({ ...ok, cspSource: "https://x; script-src 'unsafe-inline'" }), /not a list of CSP host sources/);
  assert.throws(() => panelHtml({ ...ok, cspSource: '' }), /not a list of CSP host sources/);
  assert.match(panelCsp("'self' https://*.vscode-cdn.net", ok.nonce, createNonce()), /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
  const html = panelHtml({ ...ok, scriptUri: 'x.js"><script>alert(1)</script>' });
  assert.ok(!html.includes('<script>alert(1)'), 'quotes in URIs cannot break out of the attribute');
  const nonces = new Set(Array.from({ length: 50 }, createNonce));
  assert.equal(nonces.size, 50);
  for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{32}$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNonce, panelCsp, panelHtml } from '../../../src/extension/panel/panel-html';
import { blocksPerRow, graphLayout, graphWidth, MIN_BLOCKS_PER_ROW, MIN_GRAPH_SCALE, overlaps, type Rect } from '../../../webview/logic/graph-layout';

test('block graph layout: nothing overlaps, everything is inside, each block sits between the maps it reads and writes', () => {
  for (const n of [1, 5, 12]) {
    for (const perRow of [n, 3, 2].filter((k) => k <= n)) {
      const g = graphLayout(n, perRow);
      const what = `${n} blocks, ${perRow} a row`;
      assert.equal(g.teacher.length, n);
      assert.equal(g.student.length, n);
      assert.equal(g.maps.length, n + 1);
      assert.equal(g.rows, Math.ceil(n / perRow), what);
      assert.equal(g.width, graphWidth(perRow), `${what}: as wide as a full row`);
      // Every later row starts with a copy of the map the row above ended with, and a row that goes on says so.
      assert.deepEqual(g.repeats.map((r) => r.map), Array.from({ length: g.rows - 1 }, (_, r) => (r + 1) * perRow), what);
      assert.equal(g.continues.length, g.rows - 1, what);
      const all: Rect[] = [g.stem, g.head, ...g.maps, ...g.repeats.map((r) => r.rect), ...g.continues, ...g.teacher, ...g.student];
      for (const r of all) assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.w <= g.width && r.y + r.h <= g.height, `${what}: inside the canvas`);
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) assert.ok(!overlaps(all[i], all[j]), `${what}: boxes ${i} and ${j} overlap`);
      for (let b = 0; b < n; b++) {
        const input = g.inputs[b];
        assert.equal(input, b % perRow === 0 && b > 0 ? g.repeats.find((r) => r.map === b)!.rect : g.maps[b], `${what}: block ${b} reads map ${b} in its own row`);
        const mid = g.teacher[b].x + g.teacher[b].w / 2;
        const left = input.x + input.w / 2;
        const right = g.maps[b + 1].x + g.maps[b + 1].w / 2;
        assert.ok(Math.abs(mid - (left + right) / 2) < 1e-9, `${what}: block ${b} is centred between its maps`);
        for (const m of [input, g.maps[b + 1]]) assert.ok(g.teacher[b].y + g.teacher[b].h < m.y && m.y + m.h < g.student[b].y, `${what}: block ${b}: teacher above, its maps between, student below`);
      }
    }
  }
  assert.deepEqual([graphLayout(5).width, graphLayout(5).height], [996, 264], 'one row: the graph as it always was');
});

test('block graph: one row while it fits at a readable scale, else the fewest even rows; two blocks a row at least', () => {
  const holder = (panelWidth: number) => panelWidth - 58; // body padding 2 x 16, card border and padding 2 x 13
  assert.equal(blocksPerRow(5, holder(1200)), 5);
  assert.equal(blocksPerRow(5, holder(750)), 3, '750 px: 3 + 2 blocks, not 4 + 1');
  assert.equal(blocksPerRow(5, holder(560)), 2);
  assert.equal(blocksPerRow(5, holder(420)), 2, 'narrower still: two a row, and the holder scrolls');
  assert.equal(blocksPerRow(5, 0), 5, 'a hidden panel (no width): one row');
  assert.equal(blocksPerRow(12, holder(1200)), 6);
  assert.equal(blocksPerRow(2, 100), 2);
  for (const n of [3, 5, 8, 12]) {
    for (let w = 300; w <= 2200; w += 25) {
      const k = blocksPerRow(n, w);
      assert.ok(k >= 2 && k <= n, `${n} blocks at ${w} px: ${k} a row`);
      if (k > MIN_BLOCKS_PER_ROW) assert.ok(graphWidth(k) * MIN_GRAPH_SCALE <= w, `${n} blocks at ${w} px: drawn at ${MIN_GRAPH_SCALE} or more`);
      if (graphWidth(n) * MIN_GRAPH_SCALE <= w) assert.equal(k, n, `${n} blocks at ${w} px fit in one row`);
      // Scrolls only when even two a row would be drawn below the readable scale.
      const scrolls = graphWidth(k) * MIN_GRAPH_SCALE > w;
      assert.equal(scrolls, graphWidth(MIN_BLOCKS_PER_ROW) * MIN_GRAPH_SCALE > w && k === MIN_BLOCKS_PER_ROW, `${n} blocks at ${w} px`);
    }
  }
  // Two a row scroll below about 480 px of panel.
  assert.ok(graphWidth(2) * MIN_GRAPH_SCALE + 58 < 500 && graphWidth(2) * MIN_GRAPH_SCALE + 58 > 450);
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

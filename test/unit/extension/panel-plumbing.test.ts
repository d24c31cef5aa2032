// The panel host's plain parts: batching live events, and routing/validating webview messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBatcher } from '../../../src/extension/panel/event-batcher';
import { routeFromWebview, type PanelRequestHandlers } from '../../../src/extension/panel/webview-router';

test('the batcher hands over at most once per interval and drops nothing', async () => {
  const batches: number[][] = [];
  const b = new EventBatcher<number>((items) => batches.push(items), 40);
  const t0 = Date.now();
  // A fast loop: 2000 events within about 200 ms.
  for (let i = 0; i < 2000; i++) {
    b.push(i);
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 60));
  const elapsed = Date.now() - t0;
  assert.deepEqual(batches.flat(), Array.from({ length: 2000 }, (_, i) => i), 'every event, in order');
  assert.ok(batches.length <= Math.ceil(elapsed / 40) + 1, `${batches.length} batches in ${elapsed} ms`);
  assert.ok(batches.length < 2000 / 10, 'events are grouped');
  b.push(1);
  b.clear();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(batches.flat().length, 2000, 'cleared items are not sent');
  b.push(7);
  b.flushNow();
  assert.deepEqual(batches.at(-1), [7]);
  b.dispose();
});

function recorder() {
  const calls: string[] = [];
  const h = new Proxy({} as PanelRequestHandlers, { get: (_t, name: string) => (arg?: unknown) => calls.push(arg === undefined ? name : `${name} ${JSON.stringify(arg)}`) });
  const warnings: string[] = [];
  return { calls, h, warnings, warn: (w: string) => warnings.push(w) };
}

test('valid webview messages reach exactly their handler', () => {
  const r = recorder();
  assert.equal(routeFromWebview({ type: 'ready' }, r.h, r.warn), true);
  assert.equal(routeFromWebview({ type: 'stop' }, r.h, r.warn), true);
  assert.equal(routeFromWebview({ type: 'ui-state', state: { block: 2, costKey: 'params' } }, r.h, r.warn), true);
  assert.equal(routeFromWebview({ type: 'show-diff', candidates: ['b0.d2:k3e6-k5e3', 'b1.d1:k7e3'] }, r.h, r.warn), true);
  assert.deepEqual(r.calls, ['ready', 'stop', 'uiState {"block":2,"costKey":"params"}', 'showDiff {"type":"show-diff","candidates":["b0.d2:k3e6-k5e3","b1.d1:k7e3"]}']);
  assert.deepEqual(r.warnings, []);
});

test('messages of wrong shapes are rejected with a reason and reach no handler', () => {
  const r = recorder();
  const bad: unknown[] = [
    null,
    'stop',
    { type: 'eval', code: 'alert(1)' },
    { type: 'open-candidate', candidates: ['../../etc/passwd'] },
    { type: 'insert-architecture', candidates: [] },
    { type: 'open-candidate', candidates: ['b0.d1:k3e3'], target: 'cobol' },
    { type: 'ui-state', state: { block: 'all' } },
  ];
  for (const m of bad) assert.equal(routeFromWebview(m, r.h, r.warn), false, JSON.stringify(m));
  assert.deepEqual(r.calls, []);
  assert.equal(r.warnings.length, bad.length);
  assert.match(r.warnings[3], /dropped a message from the search panel: .*candidates\.0/);
  assert.match(r.warnings[5], /target/);
});

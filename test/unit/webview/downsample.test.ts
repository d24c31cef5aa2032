import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downsampleLoss, lttb } from '../../../webview/logic/downsample';

function curve(n: number) {
  return Array.from({ length: n }, (_, i) => ({ x: i / 100, loss: 1 / (1 + i / 500) + 0.01 * Math.sin(i) }));
}

test('lttb returns the input unchanged when it is already small enough', () => {
  const pts = curve(50);
  const out = downsampleLoss(pts, 200);
  assert.deepEqual(out.x, pts.map((p) => p.x));
  assert.deepEqual(out.y, pts.map((p) => p.loss));
});

test('lttb reduces 12k points to the threshold, keeps both ends, and x stays increasing', () => {
  const pts = curve(12_000);
  const out = downsampleLoss(pts, 600);
  assert.equal(out.x.length, 600);
  assert.equal(out.y.length, 600);
  assert.equal(out.x[0], pts[0].x);
  assert.equal(out.x.at(-1), pts.at(-1)!.x);
  for (let i = 1; i < out.x.length; i++) assert.ok(out.x[i] > out.x[i - 1], `x increases at ${i}`);
  // Every kept point is a real input point.
  const byX = new Map(pts.map((p) => [p.x, p.loss]));
  for (let i = 0; i < out.x.length; i++) assert.equal(out.y[i], byX.get(out.x[i]));
});

test('lttb keeps a spike that striding would drop', () => {
  const pts = curve(10_000);
  pts[4321].loss = 9; // one diverging step
  const out = downsampleLoss(pts, 300);
  assert.ok(out.y.includes(9), 'the spike survives');
  const strided = pts.filter((_, i) => i % Math.ceil(pts.length / 300) === 0);
  assert.ok(!strided.some((p) => p.loss === 9), 'plain striding would have lost it (so the test means something)');
});

test('lttb works through accessors on parallel arrays', () => {
  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ys = [0, 0, 0, 5, 0, 0, 0, 0, 0, 1];
  const out = lttb(xs.length, (i) => xs[i], (i) => ys[i], 4);
  assert.deepEqual(out.x.length, 4);
  assert.ok(out.y.includes(5));
});

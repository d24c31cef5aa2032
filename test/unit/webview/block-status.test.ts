import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldEvents } from '../../../src/shared/run-state';
import { blockStatuses } from '../../../webview/logic/block-status';
import { finalState, run } from './fixture';

const at = (pred: (i: number) => boolean) => foldEvents(run.events.filter((_, i) => pred(i)));
const indexOf = (fn: (e: (typeof run.events)[number]) => boolean) => run.events.findIndex(fn);

test('blocks move from pending through training and ranking to ranked', () => {
  const beforeDistill = at((i) => i < indexOf((e) => e.type === 'distill-progress'));
  assert.deepEqual(blockStatuses(beforeDistill).map((s) => s.phase), ['pending', 'pending', 'pending', 'pending', 'pending']);

  const midBlock1 = indexOf((e) => e.type === 'distill-progress' && e.block === 1 && e.depth === 2);
  const s1 = blockStatuses(at((i) => i < midBlock1));
  assert.equal(s1[0].phase, 'trained');
  assert.equal(s1[0].progress, 1);
  assert.equal(s1[1].phase, 'training');
  assert.ok(s1[1].progress > 0.3 && s1[1].progress < 0.4, `block 1: depth 1 of 3 done (${s1[1].progress})`);
  assert.equal(s1[2].phase, 'pending');
  assert.ok(s1[0].loss! > 0 && s1[0].lossRatio! > 0 && s1[0].lossRatio! < 1, 'loss fell from its start');
  assert.equal(s1[2].loss, undefined);

  const midRank = indexOf((e) => e.type === 'ranking' && e.block === 2 && e.depth === 2);
  const s2 = blockStatuses(at((i) => i < midRank));
  assert.equal(s2[1].phase, 'ranked');
  assert.equal(s2[2].phase, 'ranking');
  assert.equal(s2[2].rankedDepths, 1);
  assert.equal(s2[3].phase, 'trained');

  const done = blockStatuses(finalState);
  assert.ok(done.every((s) => s.phase === 'ranked' && s.rankedCandidates === 258));
  for (const s of done) {
    const best = Object.values(finalState.supernets).filter((n) => n.block === s.index).flatMap((n) => n.ranking!.map((c) => c.score));
    assert.equal(s.best!.score, Math.min(...best));
    assert.match(s.best!.id, new RegExp(`^b${s.index}\\.d\\d:`));
  }
});

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stats, TsRounds } from './rounds.js';

test('stats: mean and the 95% relative margin of error (Student t)', () => {
  const s = stats([90, 100, 110]);
  assert.is(s.opsPerSec, 100);
  assert.is(s.samples, 3);
  // sd 10, sem 10/sqrt(3), t(2) = 4.303
  assert.ok(Math.abs(s.rme - (4.303 * 10) / Math.sqrt(3)) < 1e-9);
  assert.is(stats([5, 5, 5, 5]).rme, 0);
  assert.ok(Number.isNaN(stats([5]).rme));
  assert.ok(Number.isNaN(stats([]).opsPerSec));
});

test('TsRounds: a round never repeats an item, and refresh runs before the cursor wraps', () => {
  const seen: number[] = [];
  let refreshes = 0;
  const r = new TsRounds({ count: 10, call: (i) => seen.push(i), refresh: () => void refreshes++ });
  for (let k = 0; k < 5; k++) {
    seen.length = 0;
    const ns = r.round(4);
    assert.ok(ns >= 0);
    assert.is(seen.length, 4);
    assert.is(new Set(seen).size, 4);
    assert.ok(seen.every((i) => i >= 0 && i < 10));
  }
  // 5 rounds of 4 over 10 items: the cursor wrapped at rounds 3 and 5.
  assert.is(refreshes, 2);
});

test('TsRounds.calibrate counts the calls it made', () => {
  let calls = 0;
  const r = new TsRounds({ count: 1000, call: () => calls++ });
  const n = r.calibrate(5);
  assert.is(n, calls);
  assert.ok(n > 0);
});

test.run();

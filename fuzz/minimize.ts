/**
 * Shrinks a failing input while `still(candidate)` holds: removes ever smaller chunks (delta
 * debugging), then, for short inputs, tries zeroing single bytes. Bounded in runs and time.
 */
export interface MinimizeBudget {
  readonly runs: number;
  readonly ms: number;
}

export function minimize(input: Uint8Array, still: (b: Uint8Array) => boolean, budget: MinimizeBudget = { runs: 4000, ms: 5000 }): Uint8Array {
  const deadline = Date.now() + budget.ms;
  let runs = 0;
  const tryIt = (b: Uint8Array): boolean => {
    if (runs >= budget.runs || Date.now() > deadline) return false;
    runs++;
    return still(b);
  };
  let cur = input;
  // Cut the tail first: most failures happen at one place, and what follows it is noise.
  for (let keep = Math.floor(cur.length / 2); keep > 0 && keep < cur.length; ) {
    if (tryIt(cur.subarray(0, keep))) {
      cur = cur.slice(0, keep);
      keep = Math.floor(keep / 2);
    } else break;
  }
  for (let chunk = Math.max(1, Math.floor(cur.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let i = 0; i < cur.length; ) {
      const cand = new Uint8Array(cur.length - Math.min(chunk, cur.length - i));
      cand.set(cur.subarray(0, i), 0);
      cand.set(cur.subarray(i + chunk), i);
      if (cand.length < cur.length && tryIt(cand)) cur = cand;
      else i += chunk;
      if (runs >= budget.runs || Date.now() > deadline) return cur;
    }
  }
  if (cur.length <= 256) {
    for (let i = 0; i < cur.length; i++) {
      if (cur[i] === 0) continue;
      const cand = cur.slice();
      cand[i] = 0;
      if (tryIt(cand)) cur = cand;
    }
  }
  return cur;
}

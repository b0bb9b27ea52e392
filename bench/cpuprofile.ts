/** Reads a V8 .cpuprofile (node --cpu-prof) into self and inclusive time per function. */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

export interface FunctionTime {
  /** `name (file:line)` with the repository prefix cut. */
  where: string;
  selfPct: number;
  totalPct: number;
}

const label = (n: ProfileNode, root: string) => {
  const f = n.callFrame;
  const url = f.url.replace(/^file:\/\//, '').replace(root, '');
  return `${f.functionName || '(anonymous)'} (${url || 'native'}${url ? `:${f.lineNumber + 1}` : ''})`;
};

/** Self and inclusive sample shares per function, largest self first. `root` is cut from paths. */
export function summarizeProfile(p: CpuProfile, root = ''): FunctionTime[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  if (p.samples && p.samples.length > 0) for (const s of p.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  else for (const n of p.nodes) hits.set(n.id, n.hitCount ?? 0);
  let total = 0;
  for (const h of hits.values()) total += h;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, h] of hits) {
    const n = byId.get(id);
    if (!n || h === 0) continue;
    const k = label(n, root);
    self.set(k, (self.get(k) ?? 0) + h);
    // Count each function once per stack for inclusive time (recursion must not double count).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const m = byId.get(cur);
      if (!m) break;
      const key = label(m, root);
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + h);
    }
  }
  const pct = (x: number) => (total > 0 ? (100 * x) / total : 0);
  return [...incl.keys()]
    .map((k) => ({ where: k, selfPct: pct(self.get(k) ?? 0), totalPct: pct(incl.get(k) ?? 0) }))
    .sort((a, b) => b.selfPct - a.selfPct || b.totalPct - a.totalPct);
}

/** Test support: a spec's canonical JSON as text with sorted keys, to compare specs whose attribute order is not significant. */
import type { Spec } from '../../codecs/hclspec/model.js';
import { specToCanonical } from '../../codecs/hclspec/canonical.js';

const sortKeys = (j: unknown): unknown =>
  j && typeof j === 'object' && !Array.isArray(j)
    ? Object.fromEntries(
        Object.keys(j)
          .sort()
          .map((k) => [k, sortKeys((j as Record<string, unknown>)[k])]),
      )
    : Array.isArray(j)
      ? j.map(sortKeys)
      : j;

export const canonicalSpecText = (s: Spec): string => JSON.stringify(sortKeys(specToCanonical(s)));

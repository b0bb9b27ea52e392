/**
 * Test support: the conformance runner's comparisons and vector checks, for the tests beside the
 * codecs (so codecs/ itself imports nothing from conformance/, tests included).
 */
export { bytesEqual, canonicalDiff, jsonTextDiff } from '../conformance/runner/compare.js';
export { checkVector, loadManifest, type ManifestVector } from '../conformance/runner/run.js';

/**
 * Family `hostile` (vectors/README.md, "hostile"): hostile input bytes and the WireError our codec
 * of the target family must throw for them. The check itself is `checkHostileWith` (check.ts):
 * decoding the file with the codec of `context.family` (given the rest of the context) throws a
 * WireError whose codec and reason are the expected ones. A value, another exception or another
 * WireError fails the vector.
 */
export { HOSTILE, hostileTarget, type HostileExpect } from './check.js';

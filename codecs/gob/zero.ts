/** Go's zero values in the JS shapes of gotype.ts (what a field that was not on the wire holds). */
import { isByteSlice, type GobField, type GobStructType, type GoType } from './gotype.js';

/** The value of a type that was not on the wire (Go's zero value). */
export function zeroValue(t: GoType): unknown {
  switch (t.kind) {
    case 'bool':
      return false;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'float32':
    case 'float64':
      return 0;
    case 'int':
    case 'int64':
    case 'uint':
    case 'uint64':
    case 'uintptr':
      return 0n;
    case 'complex64':
    case 'complex128':
      return { re: 0, im: 0 };
    case 'string':
      return '';
    case 'slice':
      return isByteSlice(t) ? new Uint8Array(0) : [];
    case 'array':
      return Array.from({ length: t.len }, () => zeroValue(t.elem));
    case 'struct':
      return structMaker(t)();
    case 'external':
      return t.zero();
    default:
      return null; // map, interface, pointer
  }
}

const makers = new WeakMap<GobStructType, () => Record<string, unknown>>();

/**
 * A function making a struct's zero value, built once per struct type: a copy of a template of
 * the immutable zeros (fields in declaration order), plus fresh values for mutable ones.
 */
export function structMaker(t: GobStructType): () => Record<string, unknown> {
  let make = makers.get(t);
  if (make !== undefined) return make;
  const template: Record<string, unknown> = {};
  const fresh: GobField[] = [];
  for (const f of t.fields) {
    const z = zeroValue(f.type);
    const mutable = z !== null && typeof z === 'object';
    Object.defineProperty(template, f.name, { value: mutable ? null : z, enumerable: true, writable: true, configurable: true });
    if (mutable) fresh.push(f);
  }
  make =
    fresh.length === 0
      ? () => ({ ...template })
      : () => {
          const o = { ...template };
          for (let i = 0; i < fresh.length; i++) o[fresh[i]!.name] = zeroValue(fresh[i]!.type);
          return o;
        };
  makers.set(t, make);
  return make;
}

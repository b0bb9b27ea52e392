/** Every hostile shape, by family. */
import type { Family } from '../../codecs/family.js';
import { costlyShapes } from './costly.js';
import { gobShapes } from './gob.js';
import { jsonShapes } from './json.js';
import { msgpackShapes } from './msgpack.js';
import { protoShapes } from './proto.js';
import type { Shape } from './shape.js';

export const ALL_SHAPES: readonly Shape[] = [...gobShapes, ...protoShapes, ...msgpackShapes, ...jsonShapes, ...costlyShapes];

export function shapesFor(family: Family): Shape[] {
  return ALL_SHAPES.filter((s) => s.families.includes(family));
}

export type { Shape, Seed, ShapeInput } from './shape.js';

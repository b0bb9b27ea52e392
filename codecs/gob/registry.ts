/**
 * The names concrete types travel under inside interface values (Go's gob.Register /
 * gob.RegisterName). Like Go, the name is looked up by the base type (pointers stripped) when
 * encoding, and by name (giving the registered type, pointer included) when decoding.
 */
import { userType, type GoType } from './gotype.js';

// Completes gotype.ts's ExternalContext (declared there without it, to keep imports one-way).
declare module './gotype.js' {
  interface ExternalContext {
    /** The gob name registry of the enclosing stream. */
    readonly registry: GobRegistry;
  }
}

export class GobRegistry {
  private readonly byName = new Map<string, GoType>();
  private readonly byBase = new Map<GoType, string>();

  /** Registers `type` under `name` (gob.RegisterName). Re-registering the same pair is allowed. */
  register(name: string, type: GoType): this {
    if (name === '') throw new Error('gob: attempt to register empty name');
    const base = userType(type).base;
    const t = this.byName.get(name);
    if (t !== undefined && t !== type) throw new Error(`gob: registering duplicate types for ${JSON.stringify(name)}: ${t.str} != ${type.str}`);
    const n = this.byBase.get(base);
    if (n !== undefined && n !== name) throw new Error(`gob: registering duplicate names for ${type.str}: ${JSON.stringify(n)} != ${JSON.stringify(name)}`);
    this.byName.set(name, type);
    this.byBase.set(base, name);
    return this;
  }

  /** The registered type for a name on the wire. */
  typeOf(name: string): GoType | undefined {
    return this.byName.get(name);
  }

  /** The name a concrete value of type `t` is sent under. */
  nameOf(t: GoType): string | undefined {
    return this.byBase.get(userType(t).base);
  }

  /** A new registry holding this one's entries plus more. */
  extend(): GobRegistry {
    const r = new GobRegistry();
    for (const [n, t] of this.byName) r.register(n, t);
    return r;
  }
}

/**
 * The name gob.Register derives for a type: for named types (or one pointer to a named type…
 * with Go's historical quirk that a pointer keeps the short String() form) the package path and
 * name, else reflect's String().
 *   value of named T in pkg p  -> "p/path.T"
 *   pointer *T                 -> "*p.T"  (String(), not the import path)
 *   unnamed types              -> String(), e.g. "[]interface {}"
 */
export function registeredName(t: GoType, pkgPath: string): string {
  if (t.name !== '') return pkgPath === '' ? t.name : `${pkgPath}.${t.name}`;
  return t.str;
}

import { types } from "node:util";

// The fast path at the boundary: a check that ACCEPTS only what it can prove its zod schema accepts,
// and then returns exactly the value zod's parse would (a fresh copy: nulls as unset, unknown fields
// refused, Outputs passed through as they are). Anything else, or anything unusual (a proxy, a class
// instance, a getter, a symbol or inherited key, a `__proto__` key), is "unsure" and goes to the zod
// schema, which makes the decision and the one-line error as before. So a program whose arguments
// are plain and valid never loads zod (about 95 modules). `test/fast-check.property.test.ts` proves,
// over random and hostile inputs, that no fast check accepts what its schema rejects and that where
// both accept the values are deep-equal.

/** A Pulumi Output or a promise, recognised without importing Pulumi (the planner stays Pulumi-free). */
/** @internal */
export function isEventual(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const v = value as { __pulumiOutput?: unknown; then?: unknown };
  return v.__pulumiOutput === true || typeof v.then === "function";
}

/** Built on first use, once: a program builds only the checks it uses. */
/** @internal */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** The fast check could not prove the value valid: ask the zod schema. */
/** @internal */
export const UNSURE: unique symbol = Symbol("unsure");
/** @internal */
export type Unsure = typeof UNSURE;

/** What a check is, for the property test to generate values from (and nothing else). */
/** @internal */
export type FastSpec =
  | { kind: "string"; min: number; max: number; pattern?: RegExp }
  | { kind: "int"; min: number; max: number }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "unknown" }
  | { kind: "custom"; name: string }
  | { kind: "list"; item: Fast; min: number; max: number }
  | { kind: "object"; shape: Readonly<Record<string, Fast>> }
  | { kind: "record"; key: Fast; value: Fast }
  | { kind: "optional"; inner: Fast };

/**
 * One check: `check` returns the parsed value or UNSURE. `optional`: an absent key stays absent, as
 * zod leaves out a key whose schema is optional (`optin`) and that the input does not have.
 */
/** @internal */
export interface Fast {
  check(value: unknown): unknown;
  optional: boolean;
  spec: FastSpec;
}

const fast = (spec: FastSpec, check: (value: unknown) => unknown, optional = false): Fast => ({ check, optional, spec });

/** `z.string()` with `.min`, `.max` (UTF-16 code units, as zod counts) and `.regex`. */
/** @internal */
export function fString(min = 0, max = Number.MAX_SAFE_INTEGER, pattern?: RegExp): Fast {
  // A global or sticky pattern keeps state between tests; none of ours has one.
  if (pattern && (pattern.global || pattern.sticky)) throw new Error(`fString: ${pattern} must be neither global nor sticky`);
  return fast({ kind: "string", min, max, ...(pattern ? { pattern } : {}) }, (v) =>
    typeof v === "string" && v.length >= min && v.length <= max && (!pattern || pattern.test(v)) ? v : UNSURE,
  );
}

/** `z.number().int().min(min).max(max)`, bounds well inside the safe integers. */
/** @internal */
export function fInt(min: number, max: number): Fast {
  return fast({ kind: "int", min, max }, (v) => (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : UNSURE));
}

/** @internal */
export const fBoolean: Fast = fast({ kind: "boolean" }, (v) => (typeof v === "boolean" ? v : UNSURE));

/** `z.enum(values)`. */
/** @internal */
export function fEnum(values: readonly string[]): Fast {
  return fast({ kind: "enum", values }, (v) => (typeof v === "string" && values.includes(v) ? v : UNSURE));
}

/** `z.unknown()` / `z.any()`: anything, passed through; as a field it must be present (zod refuses it absent). */
/** @internal */
export const fUnknown: Fast = fast({ kind: "unknown" }, (v) => v);

/** `z.custom(accepts)`: the value itself when `accepts` holds (the same predicate the schema uses). */
/** @internal */
export function fCustom(name: string, accepts: (v: unknown) => boolean): Fast {
  return fast({ kind: "custom", name }, (v) => (accepts(v) ? v : UNSURE));
}

/** The repository's `optional`: `null` and `undefined` are unset (undefined), anything else is `inner`'s. */
/** @internal */
export function fOptional(inner: Fast): Fast {
  return fast({ kind: "optional", inner }, (v) => (v === undefined || v === null ? undefined : inner.check(v)), true);
}

const plainArray = (v: unknown): v is unknown[] => Array.isArray(v) && !types.isProxy(v) && Object.getPrototypeOf(v) === Array.prototype;

/** `z.array(item)` with `.min` and `.max`: a fresh list of the items' values. */
/** @internal */
export function fList(item: Fast, min = 0, max = Number.MAX_SAFE_INTEGER): Fast {
  return fast({ kind: "list", item, min, max }, (v) => {
    if (!plainArray(v) || v.length < min || v.length > max) return UNSURE;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const r = item.check(v[i]);
      if (r === UNSURE) return UNSURE;
      out[i] = r;
    }
    return out;
  });
}

/**
 * A plain object of own, enumerable data properties with string keys, none `__proto__`: nothing a
 * copy could read differently from zod (a getter, a proxy's trap, an inherited key zod's `for…in` sees).
 */
function plainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || types.isProxy(v) || isEventual(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Reflect.ownKeys(v)) {
    if (typeof key !== "string" || key === "__proto__") return false;
    const d = Object.getOwnPropertyDescriptor(v, key) as PropertyDescriptor;
    if (!d.enumerable || !("value" in d)) return false;
  }
  // An enumerable key on Object.prototype would be an unknown field to zod's `for…in`.
  for (const key in v) if (!Object.hasOwn(v, key)) return false;
  return true;
}

/** The repository's `strictObject` (`known(z.strictObject(shape))`): the shape's fields in order, unknown fields unsure. */
/** @internal */
export function fObject(shape: Readonly<Record<string, Fast>>): Fast {
  const keys = Object.keys(shape);
  return fast({ kind: "object", shape }, (v) => {
    if (!plainObject(v)) return UNSURE;
    for (const key in v) if (!Object.hasOwn(shape, key)) return UNSURE;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const field = shape[key];
      const present = Object.hasOwn(v, key);
      if (!present) {
        // zod leaves an absent optional key out, and refuses an absent required one; a key only
        // inherited (zod's `in` sees it) is unusual.
        if (field.optional && !(key in v)) continue;
        return UNSURE;
      }
      const r = field.check(v[key]);
      if (r === UNSURE) return UNSURE;
      out[key] = r;
    }
    return out;
  });
}

/** The repository's `record` (`known(z.record(key, value))`): a fresh object, key by key. */
/** @internal */
export function fRecord(key: Fast, value: Fast): Fast {
  return fast({ kind: "record", key, value }, (v) => {
    if (!plainObject(v)) return UNSURE;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (key.check(k) === UNSURE) return UNSURE;
      const r = value.check(v[k]);
      if (r === UNSURE) return UNSURE;
      out[k] = r;
    }
    return out;
  });
}

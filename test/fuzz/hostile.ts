import fc from 'fast-check';

/** A JSON Schema node as z.toJSONSchema writes it (the subset our request schemas use). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Values that break naive code: huge and odd numbers, unicode, long strings, wrong shapes. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1 + 0.2, 2 ** 31, -(2 ** 63), 1e-320),
  fc.constantFrom('', ' ', '\u0000', '😀'.repeat(300), 'x'.repeat(20_000), '../../etc/passwd', "'; DROP TABLE events; --", '__proto__', '\u202e\u2066', 'null', '2026-02-30', '9999-12-31', '0000-00-00'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Raw request bodies that are not what JSON.stringify would ever write. */
export const rawBodies = fc.constantFrom(
  '{',
  '[',
  '{"a":1,}',
  '{"durationMinutes":1e400}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '"\\ud800"',
  'null',
  'true',
  '12345',
  '\u0000',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  JSON.stringify({ a: 'b'.repeat(100_000) }),
);

/** The fixture's ids by the name of the field or path parameter that holds them (`groupId` → groups). */
export type IdsByName = Readonly<Record<string, readonly string[]>>;

function idsFor(ids: IdsByName, name: string | undefined): readonly string[] {
  const all = Object.values(ids).flat();
  return (name && ids[name]) || (name?.endsWith('Ids') && ids[name.slice(0, -1)]) || all;
}

/** Roughly valid values of a schema, so some requests get past validation into the rules. */
export function fromSchema(schema: JsonSchema, ids: IdsByName, depth = 0, name?: string): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => fromSchema(v, ids, depth + 1, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const entries = Object.entries(schema.properties ?? {}).map(([key, value]) => [key, fromSchema(value, ids, depth + 1, key)] as const);
      const required = schema.required ?? [];
      return fc.record(Object.fromEntries(entries), { requiredKeys: required.filter((k) => schema.properties?.[k]) as never[] });
    }
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, ids, depth + 1, name), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'integer':
      return fc.integer({ min: Math.ceil(schema.minimum ?? -10), max: Math.floor(Math.min(schema.maximum ?? 10, 1e6)) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -10, max: schema.maximum ?? 10, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...idsFor(ids, name)) }, { weight: 1, arbitrary: fc.uuid() });
      if (name === 'facilitatorIds') return fc.constantFrom('therapist-1', 'therapist-2', 'bad id!');
      if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return fc.constantFrom('2026-01-20', '2026-02-02', '2026-03-11', '2026-03-12', '1931-02-03');
      return fc.oneof(fc.constantFrom('Ann Lee', 'Tuesday group', 'therapist-1', 'UTC', 'America/New_York', 'Clinic B'), fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 12, 12) }));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** One change that makes a roughly valid object hostile: drop, add, retype a field, or wrap it. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), hostileScalar, fc.nat(3)).map(([value, pick, scalar, how]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [value, scalar];
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length ? keys[pick % keys.length]! : 'extra';
    if (how === 0) delete copy[key];
    if (how === 1) copy[`extra${pick % 3}`] = scalar;
    if (how === 2) copy[key] = scalar;
    if (how === 3) return [copy];
    return copy;
  });
}

/** Nested objects or arrays far deeper than any request schema. */
export const deeplyNested = fc.nat({ max: 2000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

export function hostileBody(schema: JsonSchema | undefined, ids: IdsByName): fc.Arbitrary<unknown> {
  const valid = schema ? fromSchema(schema, ids) : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw })) },
    { weight: 1, arbitrary: deeplyNested },
  );
}

/** Path segments: real ids of the fixture (to reach the rules), random UUIDs, and junk. */
export function hostileId(ids: IdsByName, name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...idsFor(ids, name)) },
    { weight: 1, arbitrary: fc.constantFrom(...idsFor(ids, undefined)) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom('PHQ-9', '..', '%2e%2e', 'x'.repeat(5000), '0', '-1', 'null', 'constructor', '__proto__') },
  );
}

/** Query strings, including repeated keys, bracket nesting (qs objects) and junk values. */
export function hostileQuery(names: readonly string[], ids: IdsByName): fc.Arbitrary<string> {
  const value = fc.oneof(fc.constantFrom(...idsFor(ids, undefined), 'PHQ-9', 'threshold', 'month'), fc.constantFrom('2026-02-02', 'open', '-1', '99999999999999999999', ''), fc.string({ unit: 'binary', maxLength: 20 }));
  const key = fc.oneof(fc.constantFrom(...(names.length ? names : ['q'])), fc.constantFrom('a[b]', 'from[]', 'status[0]', '__proto__[x]'));
  // minPosition: junk only. A well-formed position beyond the head is a documented 503 after
  // MIN_POSITION_WAIT_MS (API.md "Reads"), not a fault.
  const position = fc.tuple(fc.constantFrom('minPosition', 'minPosition[]'), fc.constantFrom('abc', '1.5', '', '-1', ' 1', '1e3'));
  const pair = fc.oneof({ weight: 5, arbitrary: fc.tuple(key, value) }, { weight: 1, arbitrary: position });
  return fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`).join('&'));
}

/** Header values fetch can send (visible ASCII and spaces), some of them hostile. */
export const hostileHeader = fc.oneof(fc.constantFrom('treatment', 'research', ' ', 'x'.repeat(300)), fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));

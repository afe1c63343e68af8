/**
 * Hostile request bodies derived from an operation's OpenAPI request schema and a valid
 * body: wrong types, missing and extra fields, 1 MB strings, NUL, right-to-left override
 * and lone-surrogate text, deep nesting, malformed JSON and wrong content types. Each
 * case says whether the server must refuse it (4xx) or may accept it (never a 5xx).
 */
import type { JsonSchema } from './openapi-operations.ts';

export interface FuzzCase {
  name: string;
  /** Raw body text and its content type (JSON cases are serialised here, so lone surrogates survive). */
  payload: string;
  contentType: string;
  mustReject: boolean;
  /** Sent twice in a row: a value accepted once must not fail on a unique constraint the second time. */
  twice?: boolean;
}

const HUGE = 'a'.repeat(1024 * 1024);
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const json = (v: unknown) => JSON.stringify(v);

const typesOf = (s: JsonSchema): Set<string> => {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return new Set(alts.flatMap((a) => [...typesOf(a)]));
  if (s.type) return new Set(Array.isArray(s.type) ? s.type : [s.type]);
  if (s.enum) return new Set(s.enum.map((v) => (v === null ? 'null' : typeof v)));
  return new Set(['any']);
};
const typeOfValue = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const accepts = (types: Set<string>, v: unknown) =>
  types.has('any') || types.has(typeOfValue(v)) || (typeOfValue(v) === 'integer' && types.has('number'));
const maxLengthOf = (s: JsonSchema): number | undefined => {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const m = alts.filter((a) => typesOf(a).has('string')).map(maxLengthOf);
    return m.some((x) => x === undefined) ? undefined : Math.max(...(m as number[]));
  }
  return s.maxLength;
};

/** Replaces one property of a JSON body with raw JSON text. */
const withRaw = (base: Record<string, unknown>, key: string, rawValue: string) => {
  const rest = { ...base };
  delete rest[key];
  const head = json(rest).slice(0, -1);
  return `${head}${head.length > 1 ? ',' : ''}${json(key)}:${rawValue}}`;
};

export function fuzzCases(schema: JsonSchema | undefined, valid: unknown, bodyRequired: boolean, maxProperties = 16): FuzzCase[] {
  const J = 'application/json';
  const base = (valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {}) as Record<string, unknown>;
  const validText = json(base);
  const cases: FuzzCase[] = [
    { name: 'malformed JSON', payload: '{"subject": "x", ', contentType: J, mustReject: true },
    { name: 'empty JSON body', payload: '', contentType: J, mustReject: true },
    { name: 'JSON null', payload: 'null', contentType: J, mustReject: bodyRequired && !(schema && typesOf(schema).has('null')) },
    { name: 'JSON array', payload: '[]', contentType: J, mustReject: true },
    { name: 'JSON string', payload: '"x"', contentType: J, mustReject: true },
    { name: 'JSON number', payload: '12', contentType: J, mustReject: true },
    { name: 'JSON sent as text/plain', payload: validText, contentType: 'text/plain', mustReject: true },
    { name: 'JSON sent as application/xml', payload: validText, contentType: 'application/xml', mustReject: true },
    { name: 'form-urlencoded', payload: 'subject=x&body=y', contentType: 'application/x-www-form-urlencoded', mustReject: true },
    { name: 'unknown charset', payload: validText, contentType: 'application/json; charset=ebcdic', mustReject: false },
    { name: 'prototype poisoning', payload: `{"__proto__":{"polluted":true},${validText.slice(1)}`, contentType: J, mustReject: false },
    { name: 'extra fields', payload: json({ ...base, zz_extra: 'x', constructor: { prototype: { polluted: true } } }), contentType: J, mustReject: false },
    { name: 'deeply nested extra field', payload: withRaw(base, 'zz_deep', deep(20_000)), contentType: J, mustReject: false },
  ];
  if (schema?.required?.length) cases.push({ name: 'every required field missing', payload: '{}', contentType: J, mustReject: true });
  const props = Object.entries(schema?.properties ?? {}).slice(0, maxProperties);
  for (const [key, prop] of props) {
    const types = typesOf(prop);
    const wrong = [12345, 'zz-not-valid', true, [], { zz: 1 }].find((v) => !accepts(types, v) && !(prop.enum && prop.enum.includes(v)));
    if (wrong !== undefined) cases.push({ name: `${key}: wrong type (${typeOfValue(wrong)})`, payload: json({ ...base, [key]: wrong }), contentType: J, mustReject: true });
    if (schema?.required?.includes(key)) {
      const rest = { ...base };
      delete rest[key];
      cases.push({ name: `${key}: missing`, payload: json(rest), contentType: J, mustReject: true });
    }
    if (!types.has('any')) cases.push({ name: `${key}: nested 20,000 deep`, payload: withRaw(base, key, deep(20_000)), contentType: J, mustReject: true });
    const item = prop.items ?? (prop.anyOf ?? []).find((a) => a.items)?.items;
    const stringy = types.has('string') ? prop : item && typesOf(item).has('string') ? item : undefined;
    if (!stringy) continue;
    const wrap = (v: string) => (types.has('string') ? json(v) : json([v]));
    const max = maxLengthOf(stringy);
    cases.push({ name: `${key}: 1 MB string`, payload: withRaw(base, key, wrap(HUGE)), contentType: J, mustReject: max !== undefined && max < HUGE.length });
    cases.push({ name: `${key}: NUL character`, payload: withRaw(base, key, wrap('nul\u0000byte')), contentType: J, mustReject: false, twice: true });
    cases.push({ name: `${key}: right-to-left override`, payload: withRaw(base, key, wrap('\u202Egnp.exe')), contentType: J, mustReject: false, twice: true });
    // JSON.stringify escapes a lone surrogate as \ud800, exactly what a hostile client sends.
    cases.push({ name: `${key}: lone surrogate`, payload: withRaw(base, key, wrap('lone\ud800x')), contentType: J, mustReject: false, twice: true });
  }
  return cases;
}

/**
 * The operations of an OpenAPI document, flattened: method, path, operationId and the
 * JSON request schema with its $refs resolved. The security suites are generated from it.
 */

export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; $ref?: string;
  maxLength?: number; minLength?: number; format?: string; additionalProperties?: boolean | JsonSchema;
  [k: string]: unknown;
};

export interface Operation {
  /** "METHOD /path/{id}/": the key of the route policy table. */
  key: string;
  method: string;
  path: string;
  operationId: string | undefined;
  requestContentTypes: string[];
  requestSchema: JsonSchema | undefined;
  requestRequired: boolean;
  responses: string[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, unknown> }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

export function listOperations(doc: unknown): Operation[] {
  const d = doc as OpenApiDoc;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operationId: op.operationId,
        requestContentTypes: Object.keys(content),
        requestSchema: json ? resolveRefs(json, d.components?.schemas ?? {}) : undefined,
        requestRequired: op.requestBody?.required === true,
        responses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

function resolveRefs(s: JsonSchema, components: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (depth > 20) return s;
  if (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    return resolveRefs(components[name] ?? {}, components, depth + 1);
  }
  const out: JsonSchema = { ...s };
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolveRefs(v, components, depth + 1)]));
  if (s.items) out.items = resolveRefs(s.items, components, depth + 1);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (s[k]) out[k] = s[k]!.map((v) => resolveRefs(v, components, depth + 1));
  return out;
}

/** The operations with no entry in a policy table, and the entries that match no operation. */
export function policyCoverage(ops: Operation[], policyKeys: string[]): { missing: string[]; stale: string[] } {
  const opKeys = new Set(ops.map((o) => o.key));
  const keys = new Set(policyKeys);
  return { missing: [...opKeys].filter((k) => !keys.has(k)).sort(), stale: [...keys].filter((k) => !opKeys.has(k)).sort() };
}

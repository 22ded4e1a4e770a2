import { z } from 'zod';

/**
 * One schema per request: the same zod value validates the request (parseWith) and
 * describes it in the OpenAPI document (API.md: "generated from the same schemas that
 * validate requests"). Every controller declares its routes here through defineRoute.
 */
export interface RouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path under /api/v1 unless `root`, e.g. `/groups/{groupId}/members`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  /** Success status. */
  readonly status: number;
  readonly root?: boolean;
  readonly public?: boolean;
}

const registry: RouteSpec[] = [];

/** Registers a route for the OpenAPI document and returns it with its exact schema types. */
export function defineRoute<const S extends RouteSpec>(spec: S): S {
  registry.push(spec);
  return spec;
}

export function registeredRoutes(): readonly RouteSpec[] {
  return registry;
}

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function parametersOf(route: RouteSpec): unknown[] {
  // Path ids are UUIDs, but a user id (a token `sub`, PUT /staff/{userId}) is not.
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: m[1] === 'userId' ? { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$' } : { type: 'string', format: 'uuid' } }));
  const query = route.query ? (jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] }) : undefined;
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema }));
  const headers = route.method === 'get' ? [] : [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }];
  return [...pathParams, ...queryParams, ...headers];
}

/** The OpenAPI 3.1 document of every registered route. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry) {
    const fullPath = route.root ? route.path : `/api/v1${route.path}`;
    paths[fullPath] ??= {};
    paths[fullPath][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      parameters: parametersOf(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
      responses: {
        [route.status]: { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
        default: { description: 'Error', content: { 'application/problem+json': { schema: problemSchema } } },
      },
      ...(route.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Group outcomes API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

import type { z } from 'zod';
import { type FieldError, ValidationFailed } from '#libs/errors';

/** RFC 6901 JSON pointer of a zod issue path, relative to the body (`/items/3`). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') || '/';
}

/** Parses a request part with its schema; on failure throws 400 with every field error. Writes nothing. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: prefix + (issue.path.length ? toPointer(issue.path) : ''),
    message: issue.message,
  }));
  throw new ValidationFailed(errors.map((e) => ({ ...e, path: e.path || '/' })));
}

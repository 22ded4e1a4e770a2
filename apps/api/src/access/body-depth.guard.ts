import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from '#libs/errors';

/** Far deeper than any request schema (the deepest, attendance, is 3 levels). */
export const MAX_BODY_DEPTH = 32;

/** Nesting depth of a parsed JSON value, counted without recursion (a hostile body cannot overflow the stack). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH with 400 before anything walks it:
 * the fuzzing pass found that a 5000-level array made JSON.stringify (request hashing of
 * Idempotency-Key) overflow the stack and answer 500. Runs as a global guard, after AuthGuard.
 */
@Injectable()
export class BodyDepthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body as unknown;
    if (jsonDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      throw new ValidationFailed([{ path: '/', message: `must not be nested deeper than ${MAX_BODY_DEPTH} levels` }], 'The request body is nested too deeply.');
    }
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from '#libs/errors';

/**
 * Why the caller reads identifiable data (PRIVACY.md "Access": who, what, when, why). A closed
 * list, not free text: an audit record must never carry an identifier, and a free-text purpose
 * could ("checking on Jane Doe"). The names follow the HIPAA permitted uses (45 CFR 164.506:
 * treatment, payment, health care operations) plus research, legal and emergency disclosures.
 */
export const PURPOSES = ['treatment', 'payment', 'operations', 'research', 'legal', 'emergency'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const DEFAULT_PURPOSE: Purpose = 'treatment';

export function parsePurpose(header: string | string[] | undefined): Purpose {
  if (header === undefined) return DEFAULT_PURPOSE;
  const value = typeof header === 'string' ? header.trim().toLowerCase() : '';
  if ((PURPOSES as readonly string[]).includes(value)) return value as Purpose;
  throw new ValidationFailed([{ path: '/', message: `X-Purpose must be one of ${PURPOSES.join(', ')}` }], 'Bad X-Purpose header.');
}

/** The request's X-Purpose (default treatment); 400 when it is not one of PURPOSES. */
export const RequestPurpose = createParamDecorator((_: unknown, context: ExecutionContext): Purpose => {
  return parsePurpose(context.switchToHttp().getRequest<FastifyRequest>().headers['x-purpose']);
});

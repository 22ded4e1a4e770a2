import { z } from 'zod';
import { DEFAULT_K } from '#libs/exports';
import { defineRoute } from '../openapi/routes.js';
import { calendarDate, instrumentId, uuid } from '../shared/schemas.js';

const window = { from: calendarDate.optional(), to: calendarDate.optional() };
const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

/** The research export endpoints (API.md, PRIVACY.md "Research export"). */
export const exportRoutes = {
  create: defineRoute({
    method: 'post',
    path: '/exports',
    summary: `Request a de-identified research dataset of a program (researchers and directors): 202 {exportId}; a job builds it. k defaults to ${DEFAULT_K} and may only be raised (lowering it is a policy change, not a request).`,
    tag: 'exports',
    status: 202,
    body: z
      .strictObject({
        programId: uuid,
        ...window,
        instruments: z.array(instrumentId).max(20).optional(),
        k: z.number().int().min(DEFAULT_K, `k must be at least ${DEFAULT_K}`).max(1000).optional(),
      })
      .refine(ordered, { message: 'from must not be after to', path: ['from'] }),
  }),
  status: defineRoute({ method: 'get', path: '/exports/{exportId}', summary: 'An export: status (queued, running, done, failed), progress 0..1 and, when done, its manifest (with erasures noted since)', tag: 'exports', status: 200 }),
  file: defineRoute({ method: 'get', path: '/exports/{exportId}/files/{name}', summary: 'One file of a finished export (CSV, Parquet, data dictionary, manifest, notice)', tag: 'exports', status: 200 }),
  disclosures: defineRoute({
    method: 'get',
    path: '/disclosures',
    summary: 'Accounting of disclosures (42 CFR 2.24; 45 CFR 164.528): every research export released, with its recipient; ?participantId= for one person (directors and admins)',
    tag: 'exports',
    status: 200,
    query: z.object({ ...window, participantId: uuid.optional(), minPosition: z.string().optional() }).refine(ordered, { message: 'from must not be after to', path: ['from'] }),
  }),
};

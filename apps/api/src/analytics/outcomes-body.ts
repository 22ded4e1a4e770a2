import type { StreamableFile } from '@nestjs/common';
import { jsonBody, jsonPieces } from '../http/json-stream.js';

/** The breakdowns: ~4,700 groups and ~3,000 therapists (5.3 MB) for a program at 10 M events when no breakdownLimit is given. */
const BREAKDOWNS: ReadonlySet<string> = new Set(['byGroup', 'byTherapist']);

/**
 * GET /programs/{programId}/outcomes' answer, streamed: the breakdowns are serialized a slice at
 * a time, so neither the whole JSON string nor its UTF-8 copy is ever held (docs/benchmarks.md,
 * issue 7, sixth pass). The bytes are those of JSON.stringify(answer) with `therapistName`
 * (from `nameOf`, one Map lookup a row; null when unnamed) added to each byTherapist row as its
 * batch is written.
 */
export const outcomesBody = (answer: object, nameOf: (userId: string) => string | null): StreamableFile =>
  jsonBody(
    jsonPieces(answer, BREAKDOWNS, undefined, (key, item) => {
      if (key !== 'byTherapist') return item;
      // The rows are this answer's own: adding the field in place, not spreading into a new
      // object (V8's slow path, ~5 µs a row, ~3,000 therapists for every group at 10 M events).
      const row = item as { therapistId: string; therapistName?: string | null };
      row.therapistName = nameOf(row.therapistId);
      return row;
    }),
  );

import type { StreamableFile } from '@nestjs/common';
import { jsonBody } from '../http/json-stream.js';
import type { AlertEntry } from './alert-book.js';

/** API.md's alert item, in its order of fields: what GET /alerts lists of an entry. */
export const alertItem = ({ alertId, type, severity, participantId, groupId, measureId, raisedAt, message, status, acknowledgedAt }: AlertEntry) => ({
  alertId,
  type,
  severity,
  participantId,
  groupId,
  measureId,
  raisedAt,
  message,
  status,
  acknowledgedAt,
});

interface Encoded {
  readonly status: AlertEntry['status'];
  readonly acknowledgedAt: string | null;
  readonly bytes: Buffer;
}

/**
 * Each alert's item as UTF-8 JSON, kept between requests: serializing ~33 000 alerts (13.7 MB,
 * 10 M events) was ~50 ms of each GET /alerts without `limit`, and counting and encoding the
 * string for the socket ~30 ms more (docs/benchmarks.md, issue 7, sixth pass). An entry changes
 * only when acknowledged (status, acknowledgedAt): a cached item that no longer matches them is
 * encoded again. Entries are the keys, so an alert that leaves the book leaves this too.
 */
export class AlertItemBytes {
  private readonly encoded = new WeakMap<AlertEntry, Encoded>();

  of(entry: AlertEntry): Buffer {
    const known = this.encoded.get(entry);
    if (known && known.status === entry.status && known.acknowledgedAt === entry.acknowledgedAt) return known.bytes;
    const bytes = Buffer.from(JSON.stringify(alertItem(entry)), 'utf8');
    this.encoded.set(entry, { status: entry.status, acknowledgedAt: entry.acknowledgedAt, bytes });
    return bytes;
  }
}

const COMMA = Buffer.from(',');

function* listPieces(items: readonly Buffer[], head: string, tail: string): Generator<string | Buffer> {
  yield head;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) yield COMMA;
    yield items[i]!;
  }
  yield tail;
}

/** `{"items":[…],"total":n}`, byte for byte what JSON.stringify of that object gives, streamed with its Content-Length. */
export function alertListBody(items: readonly Buffer[], total: number): StreamableFile {
  const head = '{"items":[';
  const tail = `],"total":${total}}`;
  let length = head.length + tail.length + Math.max(0, items.length - 1);
  for (const item of items) length += item.length;
  return jsonBody(listPieces(items, head, tail), length);
}

import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** What Fastify sends for an object body: the same media type for a streamed one. */
export const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';

/** Chunk size handed to the socket: small enough to stay out of V8's large-object space, large enough to keep the writes few. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The text of `JSON.stringify(value)`, in pieces: the arrays under `streamedKeys` are written
 * `batch` items at a time, so no string of the whole answer exists (5–14 MB for every alert or
 * every group at 10 M events, each one in V8's large-object space and again as UTF-8 for the
 * socket: docs/benchmarks.md, issue 7, sixth pass). 50 group summaries are ~35 KB, under V8's
 * 128 KB large-object threshold; batches of 250 cost more CPU in the api (measured). Byte for
 * byte what JSON.stringify gives for a plain object: same keys in the same order, `undefined`
 * members left out.
 */
export function* jsonPieces(value: object, streamedKeys: ReadonlySet<string>, batch = 50): Generator<string> {
  yield '{';
  let separator = '';
  for (const [key, member] of Object.entries(value)) {
    if (!streamedKeys.has(key) || !Array.isArray(member)) {
      const text = JSON.stringify(member) as string | undefined;
      if (text === undefined) continue; // as JSON.stringify leaves out undefined and functions
      yield `${separator}${JSON.stringify(key)}:${text}`;
    } else {
      yield `${separator}${JSON.stringify(key)}:[`;
      for (let start = 0; start < member.length; start += batch) {
        // JSON.stringify of the slice ("[a,b]") without its brackets: undefined items become null as in the whole array.
        const text = JSON.stringify(member.slice(start, start + batch));
        yield `${start === 0 ? '' : ','}${text.slice(1, -1)}`;
      }
      yield ']';
    }
    separator = ',';
  }
  yield '}';
}

/** Joins small pieces (text or UTF-8 bytes) into chunks of about `chunkBytes` (text counted by its length, not its UTF-8 bytes). */
export function* chunked(pieces: Iterable<string | Buffer>, chunkBytes = CHUNK_BYTES): Generator<Buffer> {
  let parts: (string | Buffer)[] = [];
  let size = 0;
  for (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= chunkBytes) {
      yield bytesOf(parts);
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield bytesOf(parts);
}

function bytesOf(parts: readonly (string | Buffer)[]): Buffer {
  if (parts.every((part) => typeof part === 'string')) return Buffer.from(parts.join(''), 'utf8');
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
}

/**
 * A JSON answer streamed from its pieces, for a controller to return (Nest sends a
 * StreamableFile's stream as the body). `length` (bytes), when the caller knows it, becomes
 * Content-Length; otherwise the answer is chunked.
 */
export function jsonBody(pieces: Iterable<string | Buffer>, length?: number): StreamableFile {
  return new StreamableFile(Readable.from(chunked(pieces), { objectMode: false }), { type: JSON_MEDIA_TYPE, ...(length === undefined ? {} : { length }) });
}

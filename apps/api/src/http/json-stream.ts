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
 * members left out. `mapItem`, when given, turns each item of a streamed array into what is
 * written (a batch at a time, so the copies live only while their batch is serialized).
 */
export function* jsonPieces(value: object, streamedKeys: ReadonlySet<string>, batch = 50, mapItem?: (key: string, item: unknown) => unknown): Generator<string> {
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
        // Yielded apart from the comma: a sliced string is written without a copy, a joined one is copied first.
        const slice = member.slice(start, start + batch);
        const text = JSON.stringify(mapItem ? slice.map((item) => mapItem(key, item)) : slice);
        if (start > 0) yield ',';
        yield text.slice(1, -1);
      }
      yield ']';
    }
    separator = ',';
  }
  yield '}';
}

/**
 * Packs small pieces (text or UTF-8 bytes) into chunks of at least `chunkBytes` (but the last),
 * writing text straight into bytes: joining the pieces into a string first cost a copy of the
 * whole answer in the JS heap (measured: 5 MB a request for every group's outcomes). Chunks are
 * consecutive views of one buffer of four times `chunkBytes` until it is full, so no byte is
 * allocated twice; text is given room for 3 bytes per UTF-16 unit (UTF-8's most), and a piece
 * larger than the buffer gets one of its own.
 */
export function* chunked(pieces: Iterable<string | Buffer>, chunkBytes = CHUNK_BYTES): Generator<Buffer> {
  const capacity = 4 * chunkBytes;
  let buffer = Buffer.allocUnsafe(capacity);
  let start = 0; // where the chunk being filled begins in `buffer`
  let used = 0; // where it ends
  for (const piece of pieces) {
    const most = typeof piece === 'string' ? 3 * piece.length : piece.length;
    if (used + most > buffer.length) {
      if (used > start) yield buffer.subarray(start, used);
      buffer = Buffer.allocUnsafe(Math.max(capacity, most));
      start = used = 0;
    }
    used += typeof piece === 'string' ? buffer.write(piece, used, 'utf8') : piece.copy(buffer, used);
    if (used - start >= chunkBytes) {
      // The bytes handed out are never written again: later chunks fill the rest of the buffer.
      yield buffer.subarray(start, used);
      start = used;
    }
  }
  if (used > start) yield buffer.subarray(start, used);
}

/**
 * A JSON answer streamed from its pieces, for a controller to return (Nest sends a
 * StreamableFile's stream as the body). `length` (bytes), when the caller knows it, becomes
 * Content-Length; otherwise the answer is chunked.
 */
export function jsonBody(pieces: Iterable<string | Buffer>, length?: number): StreamableFile {
  return new StreamableFile(Readable.from(chunked(pieces), { objectMode: false }), { type: JSON_MEDIA_TYPE, ...(length === undefined ? {} : { length }) });
}

/** A JSON answer already in bytes (chunks kept between requests), streamed as they are with its Content-Length. */
export function jsonBytes(chunks: readonly Buffer[]): StreamableFile {
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  return new StreamableFile(Readable.from(chunks, { objectMode: false }), { type: JSON_MEDIA_TYPE, length });
}

import type { StreamableFile } from '@nestjs/common';
import { chunked, jsonBytes, jsonPieces } from '../http/json-stream.js';

const ITEMS: ReadonlySet<string> = new Set(['items']);
/** Scopes kept (organization × role, a therapist each): a bound, not a tuning. */
const MAX_SCOPES = 200;

/**
 * GET /groups' answer per caller scope, kept as bytes until a group or a staff name changes
 * (`version`). Every dashboard page asks for it: at 10 M events ~9,500 groups, ~3 MB of JSON,
 * built and serialized each time for ~36 ms of CPU and ~10 MB of garbage. Memberships, sessions
 * and names change it; measures and attendance (most of the traffic) do not.
 */
export class GroupListCache {
  private readonly answers = new Map<string, { readonly version: string; readonly chunks: readonly Buffer[] }>();

  answer(scope: string, version: string, build: () => object): StreamableFile {
    let kept = this.answers.get(scope);
    if (kept?.version !== version) {
      kept = { version, chunks: [...chunked(jsonPieces(build(), ITEMS))] };
      if (this.answers.size >= MAX_SCOPES) this.answers.clear();
      this.answers.set(scope, kept);
    }
    return jsonBytes(kept.chunks);
  }
}

/**
 * sessionId → the groups that may hold it, so finding a session's group is a lookup, not a scan
 * of every group. Keyed by a 30-bit hash of the id (a small-integer key: no string kept); the
 * ~430 k session ids of 36 characters, with their lists per group, were ~28 MB at 10 M events
 * (issue 7, RSS under 1 GB). So these are candidates, not answers: two ids can share a hash, and
 * a client may choose session ids, so two groups (of two organizations, say) can hold the same
 * one. The caller checks the group's own record (record-measure loads the group and looks the
 * session up there). Usually one group, kept as the bare id, not a one-element array.
 */
export class SessionGroups {
  private readonly holders = new Map<number, string | string[]>();

  get size(): number {
    return this.holders.size;
  }

  /** The groups that may hold the session (verify against the group). */
  candidates(sessionId: string): readonly string[] {
    return this.candidatesOf(sessionHash(sessionId));
  }

  add(sessionId: string, groupId: string): void {
    this.addHash(sessionHash(sessionId), groupId);
  }

  /** Every (hash, groups) pair: what a snapshot keeps. */
  entries(): IterableIterator<[number, string | string[]]> {
    return this.holders.entries();
  }

  addHash(hash: number, groupId: string): void {
    const held = this.holders.get(hash);
    if (held === undefined) this.holders.set(hash, groupId);
    else if (typeof held === 'string') {
      if (held !== groupId) this.holders.set(hash, [held, groupId]);
    } else if (!held.includes(groupId)) held.push(groupId);
  }

  clear(): void {
    this.holders.clear();
  }

  private candidatesOf(hash: number): readonly string[] {
    const held = this.holders.get(hash);
    return held === undefined ? [] : typeof held === 'string' ? [held] : held;
  }
}

/** FNV-1a over the id's UTF-16 units, folded to 30 bits: always a small integer (no heap number as a Map key). */
export function sessionHash(sessionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) hash = Math.imul(hash ^ sessionId.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 30)) & 0x3fffffff;
}

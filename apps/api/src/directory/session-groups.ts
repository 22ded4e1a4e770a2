/**
 * sessionId → the groups holding a session with that id, so finding a session's group is a
 * lookup, not a scan of every group. Usually one group (kept as the bare id, not a one-element
 * array: ~40 k sessions per million events); a client may choose session ids, so two groups
 * (of two organizations, say) can hold the same one.
 */
export class SessionGroups {
  private readonly holders = new Map<string, string | string[]>();

  get size(): number {
    return this.holders.size;
  }

  get(sessionId: string): readonly string[] | undefined {
    const held = this.holders.get(sessionId);
    return typeof held === 'string' ? [held] : held;
  }

  /** Sessions held by more than one group (a snapshot writes them; add() rebuilds the rest). */
  *shared(): Generator<[string, readonly string[]]> {
    for (const [sessionId, held] of this.holders) if (typeof held !== 'string') yield [sessionId, held];
  }

  replace(sessionId: string, groupIds: readonly string[]): void {
    this.holders.set(sessionId, groupIds.length === 1 ? groupIds[0]! : [...groupIds]);
  }

  clear(): void {
    this.holders.clear();
  }

  add(sessionId: string, groupId: string): void {
    const held = this.holders.get(sessionId);
    if (held === undefined) this.holders.set(sessionId, groupId);
    else if (typeof held === 'string') this.holders.set(sessionId, [held, groupId]);
    else held.push(groupId);
  }
}

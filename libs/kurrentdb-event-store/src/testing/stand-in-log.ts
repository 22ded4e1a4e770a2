/**
 * The stand-in's storage: one in-memory log with KurrentDB's observable rules, kept free of
 * gRPC so the rules read plainly. Only what the EventStore contract needs.
 */
export interface StoredEvent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** Commit position; prepare position is the same value (one event per log record). */
  readonly position: bigint;
  /** .NET ticks since the Unix epoch, as the server writes `created`. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

export type WireExpectation = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly revision: number; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly current: number | undefined };

/** Positions are sparse and grow like byte offsets in the server's log. */
const RECORD_SIZE = 137n;

export class StandInLog {
  private readonly events: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor() {
    // A fresh server already holds system records; the adapter must filter them out.
    this.write('$settings', [{ id: '00000000-0000-4000-8000-000000000001', type: '$settings', contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() }]);
  }

  append(stream: string, expected: WireExpectation, proposed: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.stream(stream);
    const current = existing.length === 0 ? undefined : existing.length - 1;
    const replay = this.idempotentReplay(existing, expected, proposed);
    // The server only appends one copy of events re-sent "in quick succession" (https://github.com/
    // EventStore/documentation/blob/075e013833610eb10ac69ab7899744e8a8c99ff6/docs/clients/grpc/appending-events/README.md).
    // Answering success without a position is our assumption of the wire form; the adapter
    // looks the original up in that case and when a retry meets a wrong expected version.
    if (replay !== undefined) return { kind: 'success', revision: replay, position: undefined };
    const ok =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!ok) return { kind: 'wrong_expected_version', current };
    const written = this.write(stream, proposed);
    const last = written[written.length - 1];
    return last ? { kind: 'success', revision: last.revision, position: last.position } : { kind: 'success', revision: current ?? -1, position: undefined };
  }

  stream(stream: string): StoredEvent[] {
    return this.events.filter((e) => e.stream === stream);
  }

  /** $all reads include the event at the start position (TESTING.md, measured). */
  allFrom(position: bigint | 'start'): StoredEvent[] {
    return position === 'start' ? [...this.events] : this.events.filter((e) => e.position >= position);
  }

  /** Subscriptions exclude the event at their start position (TESTING.md, measured). */
  allAfter(position: bigint | 'start' | 'end'): StoredEvent[] {
    if (position === 'end') return [];
    return position === 'start' ? [...this.events] : this.events.filter((e) => e.position > position);
  }

  onAppend(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private idempotentReplay(existing: StoredEvent[], expected: WireExpectation, proposed: readonly ProposedEvent[]): number | undefined {
    if (proposed.length === 0) return undefined;
    const from = expected.kind === 'no_stream' ? 0 : expected.kind === 'revision' ? expected.revision + 1 : existing.findIndex((e) => e.id === proposed[0]!.id);
    if (from < 0) return undefined;
    const matches = proposed.every((p, i) => existing[from + i]?.id === p.id);
    return matches ? from + proposed.length - 1 : undefined;
  }

  private write(stream: string, proposed: readonly ProposedEvent[]): StoredEvent[] {
    const base = this.stream(stream).length;
    const created = BigInt(Date.now()) * 10_000n;
    const written = proposed.map((p, i): StoredEvent => ({ ...p, stream, revision: base + i, position: BigInt(this.events.length + i) * RECORD_SIZE, created }));
    this.events.push(...written);
    for (const event of written) for (const listener of this.listeners) listener(event);
    return written;
  }
}

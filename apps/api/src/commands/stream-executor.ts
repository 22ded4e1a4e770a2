import { Injectable } from '@nestjs/common';
import { Conflict, NotFound } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { type DomainEvent, type NewEvent, type RecordedEvent, SCHEMA_VERSION } from '#libs/events';
import { Clock, IdGenerator } from '#libs/system';
import type { CommandContext } from './command-context.js';
import { type Decider, foldState } from './decider.js';
import { StreamQueue } from './stream-queue.js';
import { StreamStateCache } from './stream-state-cache.js';

export interface Appended<State> {
  readonly state: State;
  readonly events: readonly DomainEvent[];
  readonly eventIds: readonly string[];
  readonly revision: number;
  /** Global position of the last appended event, as the decimal string of API.md. */
  readonly position: string;
}

export interface LoadedStream<State> {
  readonly state: State;
  readonly exists: boolean;
  readonly revision: number | null;
}

/**
 * Enough for a reactor that appends its decisions to the same stream one commit after another
 * (the alerts reactor raises up to a few alerts per measure, each its own append): each of its
 * appends can win one race against us, since both continue from the same commit's answer.
 */
const MAX_ATTEMPTS = 6;

/**
 * Streams whose folded state stays in memory. A group or participant state is a few KB, so
 * this is tens of MB at most; the bench's organization (about 600 streams) fits many times.
 */
export const CACHED_STREAMS = 10_000;

type Folding<State> = Pick<Decider<unknown, State>, 'initialState' | 'evolve'>;

/**
 * Runs a decision against one stream: read, fold, decide, append with the expected revision.
 * A concurrent writer makes the append fail; the decision is pure, so we read and decide again
 * (at most MAX_ATTEMPTS) before answering 409. A stream of another organization is invisible: 404.
 *
 * Folded states are kept per stream (StreamStateCache, bounded LRU), so a write reads only the
 * events after the cached revision instead of the whole stream (docs/benchmarks.md: re-reading
 * and re-folding was 42 % of the CPU of a write). That is safe with other writers (another
 * process, another store client): they only add events, which the tail read picks up, and the
 * append's expected revision still rejects a decision made on an old state, and the retry
 * brings the state up to date from the tail. States are shared between requests and must not be
 * mutated (evolve returns new objects).
 */
@Injectable()
export class StreamExecutor {
  private readonly cache = new StreamStateCache(CACHED_STREAMS);
  /** Writes to one stream from this process run one at a time (stream-queue.ts). */
  private readonly queue = new StreamQueue();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async load<State>(stream: string, decider: Folding<State>, org: string): Promise<LoadedStream<State>> {
    const cached = this.cache.get(stream, decider);
    const from = cached ? cached.revision + 1 : 0;
    // The filter guards against a store (or a wrapper of one) that ignores fromRevision.
    const recorded = (await this.store.readStream(stream, { fromRevision: from })).filter((e) => e.revision >= from);
    let streamOrg: string;
    let state: State;
    let revision: number;
    if (cached) {
      streamOrg = cached.org;
      state = recorded.length === 0 ? (cached.state as State) : recorded.map(asDomainEvent).reduce(decider.evolve, cached.state as State);
      revision = recorded.at(-1)?.revision ?? cached.revision;
    } else {
      if (recorded.length === 0) return { state: decider.initialState, exists: false, revision: null };
      streamOrg = recorded[0]!.metadata.org;
      state = foldState(decider, recorded.map(asDomainEvent));
      revision = recorded.at(-1)!.revision;
    }
    if (recorded.length > 0) this.cache.put(stream, { decider, org: streamOrg, revision, state });
    // Checked on every load, cached or not: another organization's stream does not exist for this caller.
    if (streamOrg !== org) return { state: decider.initialState, exists: false, revision: null };
    return { state, exists: true, revision };
  }

  /** Loads a stream that must exist in the caller's organization, else 404 with `what`. */
  async loadExisting<State>(stream: string, decider: Pick<Decider<unknown, State>, 'initialState' | 'evolve'>, org: string, what: string, id: string): Promise<State> {
    const loaded = await this.load(stream, decider, org);
    if (!loaded.exists) throw new NotFound(what, id, `${what.toUpperCase().replace(/ /g, '_')}_NOT_FOUND`);
    return loaded.state;
  }

  execute<Command, State>(
    stream: string,
    decider: Decider<Command, State>,
    command: Command,
    context: CommandContext,
    options: { occurredAt?: string; mustExist?: { what: string; id: string } } = {},
  ): Promise<Appended<State>> {
    return this.queue.run(stream, () => this.decideAndAppend(stream, decider, command, context, options));
  }

  private async decideAndAppend<Command, State>(
    stream: string,
    decider: Decider<Command, State>,
    command: Command,
    context: CommandContext,
    options: { occurredAt?: string; mustExist?: { what: string; id: string } },
  ): Promise<Appended<State>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(stream, decider, context.principal.org);
      if (options.mustExist && !loaded.exists) {
        const { what, id } = options.mustExist;
        throw new NotFound(what, id, `${what.toUpperCase().replace(/ /g, '_')}_NOT_FOUND`);
      }
      const events = decider.decide(command, loaded.state);
      const envelopes = events.map((event) => this.envelope(event, context, options.occurredAt));
      try {
        const result = await this.store.append(stream, envelopes, loaded.revision ?? 'no_stream');
        const state = events.reduce(decider.evolve, loaded.state);
        // Our events follow the revision we decided on (not a replayed earlier append): cache the result.
        if (result.revision === (loaded.revision ?? -1) + envelopes.length) {
          this.cache.put(stream, { decider, org: context.principal.org, revision: result.revision, state });
        }
        return {
          state,
          events,
          eventIds: envelopes.map((e) => e.eventId),
          revision: result.revision,
          position: result.position.toString(),
        };
      } catch (error) {
        // The cached state is still an exact fold of its revisions (events are immutable), so the
        // retry reads only what the winner of the race appended. Folding the whole stream again
        // after every lost race was 12 % of the api's CPU at 2,000 writes/s (docs/benchmarks.md).
        const retryable = error instanceof Conflict && error.code === 'WRONG_EXPECTED_REVISION' && attempt < MAX_ATTEMPTS;
        if (!retryable) throw error;
      }
    }
  }

  private envelope(event: DomainEvent, context: CommandContext, occurredAt?: string): NewEvent {
    const recordedAt = this.clock.now().toISOString();
    return {
      eventId: this.ids.uuid(),
      type: event.type,
      schemaVersion: SCHEMA_VERSION,
      data: event.data,
      metadata: {
        org: context.principal.org,
        actor: { userId: context.principal.sub, role: context.principal.role },
        occurredAt: occurredAt ?? recordedAt,
        recordedAt,
        correlationId: context.correlationId,
        causationId: null,
      },
    };
  }
}

export function asDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data } as DomainEvent;
}

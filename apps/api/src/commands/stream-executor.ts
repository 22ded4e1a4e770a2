import { Injectable } from '@nestjs/common';
import { Conflict, NotFound } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { type DomainEvent, type NewEvent, type RecordedEvent, SCHEMA_VERSION } from '#libs/events';
import { Clock, IdGenerator } from '#libs/system';
import type { CommandContext } from './command-context.js';
import { type Decider, foldState } from './decider.js';

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

const MAX_ATTEMPTS = 3;

/**
 * Runs a decision against one stream: read, fold, decide, append with the expected revision.
 * A concurrent writer makes the append fail; the decision is pure, so we read and decide again
 * (at most MAX_ATTEMPTS) before answering 409. A stream of another organization is invisible: 404.
 */
@Injectable()
export class StreamExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async load<State>(stream: string, decider: Pick<Decider<unknown, State>, 'initialState' | 'evolve'>, org: string): Promise<LoadedStream<State>> {
    const recorded = await this.store.readStream(stream);
    if (recorded.length > 0 && recorded[0]!.metadata.org !== org) return { state: decider.initialState, exists: false, revision: null };
    return { state: foldState(decider, recorded.map(asDomainEvent)), exists: recorded.length > 0, revision: recorded.at(-1)?.revision ?? null };
  }

  /** Loads a stream that must exist in the caller's organization, else 404 with `what`. */
  async loadExisting<State>(stream: string, decider: Pick<Decider<unknown, State>, 'initialState' | 'evolve'>, org: string, what: string, id: string): Promise<State> {
    const loaded = await this.load(stream, decider, org);
    if (!loaded.exists) throw new NotFound(what, id, `${what.toUpperCase().replace(/ /g, '_')}_NOT_FOUND`);
    return loaded.state;
  }

  async execute<Command, State>(
    stream: string,
    decider: Decider<Command, State>,
    command: Command,
    context: CommandContext,
    options: { occurredAt?: string; mustExist?: { what: string; id: string } } = {},
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
        return {
          state: events.reduce(decider.evolve, loaded.state),
          events,
          eventIds: envelopes.map((e) => e.eventId),
          revision: result.revision,
          position: result.position.toString(),
        };
      } catch (error) {
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

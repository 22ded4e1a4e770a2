import { Injectable } from '@nestjs/common';
import { NotFound, RuleBroken } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { type MeasureRecorded, streams } from '#libs/events';
import type { CommandContext } from '../commands/command-context.js';
import { StreamExecutor } from '../commands/stream-executor.js';
import { participantDecider } from '../participants/participant.decider.js';
import { InstrumentRegistry } from './instrument-registry.js';

const PAGE = 1000;

type Recorded = MeasureRecorded['data'];

/**
 * Applies the definition in force of an instrument to history (issue 3 "Re-scoring"): every
 * measure of the caller's organization whose latest score fact used another version gets a
 * MeasureRescored beside it; old facts are never edited. Idempotent: a second run finds every
 * measure at the latest version and appends nothing. Voided measures are re-scored too, so a
 * timeline shows one scoring throughout. Measures of erased participants are left alone.
 * Known gap: it scans the whole log to find the measures (fine for an occasional admin task).
 */
@Injectable()
export class Rescorer {
  constructor(
    private readonly store: EventStore,
    private readonly executor: StreamExecutor,
    private readonly registry: InstrumentRegistry,
  ) {}

  async rescore(instrument: string, context: CommandContext): Promise<{ rescored: number }> {
    const definition = this.registry.latest(instrument);
    if (!definition) throw new NotFound('instrument', instrument, 'INSTRUMENT_NOT_FOUND');
    let rescored = 0;
    for (const [participantId, measures] of await this.measuresOf(definition.id, context.principal.org)) {
      const stream = streams.participant(participantId);
      const loaded = await this.executor.load(stream, participantDecider, context.principal.org);
      if (!loaded.state.exists || loaded.state.erased) continue;
      const state = loaded.state;
      const due = measures.filter((m) => state.measures[m.measureId]?.instrumentVersion !== definition.version);
      if (due.length === 0) continue;
      try {
        const appended = await this.executor.execute(stream, participantDecider, { kind: 'RescoreMeasures', definition, measures: due }, context);
        rescored += appended.events.length;
      } catch (error) {
        // Another run got there first, or the new version cannot score these answers.
        if (error instanceof RuleBroken && error.code === 'NOTHING_TO_RESCORE') continue;
        throw error;
      }
    }
    return { rescored };
  }

  /** participantId → the recorded measures of this instrument (ids and raw items), in log order. */
  private async measuresOf(instrument: string, org: string): Promise<Map<string, { measureId: string; items: Recorded['items'] }[]>> {
    const found = new Map<string, { measureId: string; items: Recorded['items'] }[]>();
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ ...(after === undefined ? {} : { after }), limit: PAGE });
      for (const event of page) {
        if (event.type !== 'MeasureRecorded' || event.metadata.org !== org) continue;
        const data = event.data as Recorded;
        if (data.instrument !== instrument) continue;
        found.set(data.participantId, [...(found.get(data.participantId) ?? []), { measureId: data.measureId, items: data.items }]);
      }
      if (page.length < PAGE) return found;
      after = page.at(-1)!.position;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { getInstrument, type InstrumentDefinition, instruments } from '#libs/instruments';

/**
 * The instrument definitions the api scores with, as a DI token so a test can supply a
 * registry holding a new definition version (re-scoring) without touching libs/instruments.
 */
export abstract class InstrumentRegistry {
  /** Every released definition, all versions. */
  abstract all(): readonly InstrumentDefinition[];

  /** The definition in force: the latest version of `id`, or undefined when unknown. */
  latest(id: string): InstrumentDefinition | undefined {
    return this.all()
      .filter((d) => d.id === id)
      .reduce<InstrumentDefinition | undefined>((latest, d) => (latest === undefined || d.version > latest.version ? d : latest), undefined);
  }

  /** The latest version of each instrument, in registry order. */
  latestOfEach(): InstrumentDefinition[] {
    const ids = [...new Set(this.all().map((d) => d.id))];
    return ids.map((id) => this.latest(id)!);
  }
}

/** The released definitions of #libs/instruments. */
@Injectable()
export class LibraryInstrumentRegistry extends InstrumentRegistry {
  all(): readonly InstrumentDefinition[] {
    return instruments;
  }

  override latest(id: string): InstrumentDefinition | undefined {
    return getInstrument(id);
  }
}

/** A fixed list of definitions (tests: a second version built from the first). */
export class FixedInstrumentRegistry extends InstrumentRegistry {
  constructor(private readonly definitions: readonly InstrumentDefinition[]) {
    super();
  }

  all(): readonly InstrumentDefinition[] {
    return this.definitions;
  }
}

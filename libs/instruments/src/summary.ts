import type { Band, Cutoff, Direction, InstrumentDefinition, InstrumentId, Loinc, ReliableChange, ScoringRule } from './definition.js';

/** One entry of GET /instruments (API.md "Reads"). */
export interface InstrumentSummary {
  readonly id: InstrumentId;
  readonly version: number;
  readonly title: string;
  readonly items: readonly { key: string; min: number; max: number; step: number }[];
  readonly direction: Direction;
  readonly scoring: ScoringRule;
  readonly bands: readonly Band[];
  readonly caseness: Cutoff | null;
  readonly reliableChange: ReliableChange;
  readonly licence: string;
  readonly loinc: Loinc | null;
}

/** The public view of a definition: no item texts, sources or internal rules. */
export function instrumentSummary(definition: InstrumentDefinition): InstrumentSummary {
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    items: definition.items.map(({ key, min, max, step }) => ({ key, min, max, step })),
    direction: definition.direction,
    scoring: definition.scoring,
    bands: definition.bands,
    caseness: definition.caseness,
    reliableChange: definition.reliableChange,
    licence: definition.licence,
    loinc: definition.loinc,
  };
}

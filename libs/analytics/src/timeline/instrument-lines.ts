import { getInstrument, type Cutoff, type Direction, type ReliableChange } from '#libs/instruments';

/** What a timeline chart needs to draw an instrument's lines (OUTCOMES.md "Instruments"). */
export interface InstrumentLines {
  readonly id: string;
  /** Clinical caseness cutoff (e.g. PHQ-9 ≥ 10), null where none is published. */
  readonly caseness: Cutoff | null;
  /** Reliable-change threshold and its units (`metric` for SWEMWBS); threshold null = not published. */
  readonly reliableChange: ReliableChange;
  readonly direction: Direction;
  /** A product alert line that is not a caseness cutoff (GSRS < 36), where defined. */
  readonly alertCutoff?: Cutoff;
}

/** Lines of each instrument id, in the order given; ids without a definition are skipped. */
export function instrumentLines(ids: readonly string[]): InstrumentLines[] {
  return ids.flatMap((id) => {
    const definition = getInstrument(id);
    if (!definition) return [];
    const { caseness, reliableChange, direction, alertCutoff } = definition;
    return [{ id, caseness, reliableChange, direction, ...(alertCutoff ? { alertCutoff: { op: alertCutoff.op, value: alertCutoff.value } } : {}) }];
  });
}

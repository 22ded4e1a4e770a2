import type { InstrumentDefinition } from '#libs/instruments';

export interface AnswerLabel {
  readonly value: number;
  readonly label: string;
}

/**
 * Response options shown beside each item on the recording screens. Only the PHQ-9 and GAD-7
 * options are written out: they are free to reproduce (Pfizer, https://www.phqscreeners.com/).
 * The other instruments are licensed or visual-analog: their answers stay numbers between the
 * item's min and max, the paper form carries the wording.
 */
const OVER_THE_LAST_TWO_WEEKS: readonly AnswerLabel[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const LABELS: Readonly<Record<string, readonly AnswerLabel[]>> = {
  'PHQ-9': OVER_THE_LAST_TWO_WEEKS,
  'GAD-7': OVER_THE_LAST_TWO_WEEKS,
};

/** The items of a definition with their text and, where published freely, their answer labels. */
export function itemsForForms(definition: InstrumentDefinition) {
  const answers = LABELS[definition.id];
  return definition.items.map(({ key, min, max, step, text }) => ({ key, min, max, step, text, ...(answers ? { answers } : {}) }));
}

import { likertItems, type InstrumentDefinition } from '../definition.js';
import { KROENKE_2010, NHS_TALKING_THERAPIES, OUTCOMES_MD, PHQ_LICENCE, SPITZER_2006 } from './citations.js';

/** GAD-7, anxiety severity. Free to use. */
export const gad7V1: InstrumentDefinition = {
  id: 'GAD-7',
  version: 1,
  title: 'Generalized Anxiety Disorder-7',
  items: likertItems(
    [
      'Feeling nervous, anxious or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid as if something awful might happen',
    ],
    0,
    3,
  ),
  direction: 'lower-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 7 items (0–21).' },
  missing: { kind: 'none-allowed' },
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 21, label: 'severe' },
  ],
  caseness: { op: '>=', value: 8 },
  reliableChange: { threshold: 4, units: 'total' },
  criticalItems: [],
  response: { minDropFraction: 0.5 },
  licence: PHQ_LICENCE,
  loinc: { total: '70274-6', panel: '69737-5' },
  sources: {
    items: SPITZER_2006,
    bands: SPITZER_2006,
    caseness: NHS_TALKING_THERAPIES,
    reliableChange: NHS_TALKING_THERAPIES,
    missing: `${OUTCOMES_MD} (valid only when complete)`,
    response: `${KROENKE_2010}; applied to GAD-7 as the product convention in ${OUTCOMES_MD}`,
    loinc: 'https://loinc.org/70274-6/ (total score), https://loinc.org/69737-5/ (panel)',
    licence: 'https://www.phqscreeners.com/',
  },
};

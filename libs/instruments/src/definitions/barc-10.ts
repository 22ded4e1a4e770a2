import { likertItems, type InstrumentDefinition } from '../definition.js';
import { OUTCOMES_MD } from './citations.js';

const VILSAINT_2017 =
  'Vilsaint CL, Kelly JF, Bergman BG, Groshkova T, Best D, White W. Development and validation of a Brief ' +
  'Assessment of Recovery Capital (BARC-10) for alcohol and drug use disorder. Drug Alcohol Depend ' +
  '2017;177:71-76. https://doi.org/10.1016/j.drugalcdep.2017.03.022 (≥ 47 associated with sustained remission)';

/** BARC-10, recovery capital (addiction programs). 1 = strongly disagree … 6 = strongly agree. */
export const barc10V1: InstrumentDefinition = {
  id: 'BARC-10',
  version: 1,
  title: 'Brief Assessment of Recovery Capital-10',
  items: likertItems(
    [
      'priorities beyond substance use',
      'satisfaction with life',
      'energy for own tasks',
      'belonging to the community',
      'support from friends',
      'fulfilment without substances',
      'living space supports recovery',
      'responsibility for own actions',
      'dealing with professionals',
      'progress in recovery',
    ],
    1,
    6,
  ),
  direction: 'higher-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 10 items (10–60).' },
  missing: { kind: 'none-allowed' },
  // Only the upper band is published; totals below 47 carry no band.
  bands: [{ min: 47, max: 60, label: 'associated with sustained remission' }],
  caseness: null,
  // No published reliable-change figure: the caller supplies one (classifyChange options).
  reliableChange: { threshold: null, units: 'total' },
  criticalItems: [],
  licence:
    'Published in the open literature (Vilsaint et al. 2017); no licence fee is known. Confirm with the ' +
    'authors before commercial redistribution.',
  loinc: null,
  sources: {
    items: VILSAINT_2017,
    bands: VILSAINT_2017,
    reliableChange: `${OUTCOMES_MD} (not published: configurable)`,
    missing: `${OUTCOMES_MD} (complete responses only)`,
  },
};

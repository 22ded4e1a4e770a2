import { likertItems, type InstrumentDefinition } from '../definition.js';
import { DUNCAN_2012, MILLER_2003, OUTCOMES_MD, PCOMS_LICENCE } from './citations.js';

/** Outcome Rating Scale (PCOMS): four 10 cm visual-analog lines measured to one decimal. */
export const orsV1: InstrumentDefinition = {
  id: 'ORS',
  version: 1,
  title: 'Outcome Rating Scale',
  items: likertItems(['individually', 'interpersonally', 'socially', 'overall'], 0, 10, 0.1),
  direction: 'higher-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 4 marks (0–40, one decimal).' },
  missing: { kind: 'none-allowed' },
  bands: [
    { min: 0, max: 25, label: 'clinical range' },
    { min: 25.1, max: 40, label: 'non-clinical range' },
  ],
  caseness: { op: '<=', value: 25 },
  reliableChange: { threshold: 5, units: 'total' },
  criticalItems: [],
  licence: PCOMS_LICENCE,
  loinc: null,
  sources: {
    items: MILLER_2003,
    bands: `${MILLER_2003}; ${DUNCAN_2012}`,
    caseness: `${MILLER_2003}; ${DUNCAN_2012}`,
    reliableChange: DUNCAN_2012,
    missing: `${OUTCOMES_MD} (complete responses only)`,
    licence: PCOMS_LICENCE,
  },
};

import { likertItems, type InstrumentDefinition } from '../definition.js';
import { OUTCOMES_MD, PCOMS_LICENCE } from './citations.js';

const QUIRK_2013 =
  'Quirk K, Miller S, Duncan B, Owen J. Group Session Rating Scale: preliminary psychometrics in substance ' +
  'abuse group interventions. Counselling and Psychotherapy Research 2013;13(3):194-200. ' +
  'https://doi.org/10.1080/14733145.2012.744425';

const SRS_2003 =
  'Duncan BL, Miller SD, Sparks JA, et al. The Session Rating Scale: preliminary psychometric properties of a ' +
  '"working" alliance measure. Journal of Brief Therapy 2003;3(1):3-12 (SRS: a total below 36 signals a ' +
  'possible alliance problem)';

/** Group Session Rating Scale (PCOMS): group alliance, four visual-analog marks. */
export const gsrsV1: InstrumentDefinition = {
  id: 'GSRS',
  version: 1,
  title: 'Group Session Rating Scale',
  items: likertItems(['relationship', 'goals and topics', 'approach or method', 'overall'], 0, 10, 0.1),
  direction: 'higher-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 4 marks (0–40, one decimal).' },
  missing: { kind: 'none-allowed' },
  bands: [],
  caseness: null,
  reliableChange: { threshold: null, units: 'total' },
  criticalItems: [],
  alertCutoff: {
    op: '<',
    value: 36,
    configurable: true,
    note: 'No published GSRS cutoff: the product defaults to the SRS convention (below 36 = possible alliance concern). Also flag any drop from the member\'s previous session.',
  },
  licence: PCOMS_LICENCE,
  loinc: null,
  sources: {
    items: QUIRK_2013,
    alertCutoff: `${SRS_2003}; ${OUTCOMES_MD} (configurable default 36)`,
    missing: `${OUTCOMES_MD} (complete responses only)`,
    licence: PCOMS_LICENCE,
  },
};

import { likertItems, type InstrumentDefinition } from '../definition.js';
import { BARKHAM_2013, CORE10_MANUAL, JACOBSON_TRUAX_1991, OUTCOMES_MD } from './citations.js';

const CORE_LICENCE =
  'CORE-10 © CORE System Trust: free to copy and use, but it may not be changed or sold. ' +
  'https://www.coresystemtrust.org.uk/';

/**
 * CORE-10, psychological distress. Items arrive as scored values 0–4 where 4 is most
 * distress: the positively worded items 2 and 3 are already reversed, as the printed form
 * numbers them. Item 6 is the risk item (not a critical-item alert in OUTCOMES.md).
 */
export const core10V1: InstrumentDefinition = {
  id: 'CORE-10',
  version: 1,
  title: 'Clinical Outcomes in Routine Evaluation-10',
  items: likertItems(
    [
      'tension or anxiety',
      'support available (scored reversed)',
      'coping (scored reversed)',
      'talking to people felt too much',
      'panic or terror',
      'risk: plans to end life',
      'sleep difficulty',
      'despair or hopelessness',
      'unhappiness',
      'distressing images or memories',
    ],
    0,
    4,
  ),
  direction: 'lower-is-better',
  scoring: {
    kind: 'sum',
    description: 'Sum of the 10 items (0–40); with one item missing, sum × 10/9 rounded to one decimal.',
  },
  missing: { kind: 'prorate', maxMissing: 1, decimals: 1 },
  bands: [
    { min: 0, max: 5, label: 'healthy' },
    { min: 6, max: 10, label: 'low' },
    { min: 11, max: 14, label: 'mild' },
    { min: 15, max: 19, label: 'moderate' },
    { min: 20, max: 24, label: 'moderate-to-severe' },
    { min: 25, max: 40, label: 'severe' },
  ],
  caseness: { op: '>=', value: 11 },
  reliableChange: { threshold: 6, units: 'total' },
  criticalItems: [],
  response: { minDropFraction: 0.5 },
  jacobsonTruax: {
    direction: 'lower-is-better',
    r: 0.9,
    sdBaseline: 7.7,
    meanClinical: 19.7,
    sdClinical: 7.7,
    meanFunctional: 4.7,
    sdFunctional: 4.8,
    source:
      `${JACOBSON_TRUAX_1991}; r = internal consistency α 0.90 from ${BARKHAM_2013}; means and SDs from ` +
      `${CORE10_MANUAL}. Cutoff c = (7.7·4.7 + 4.8·19.7)/(7.7 + 4.8) = 10.46, consistent with the published 11.`,
  },
  licence: CORE_LICENCE,
  loinc: null,
  sources: {
    items: BARKHAM_2013,
    bands: `${BARKHAM_2013}; ${CORE10_MANUAL}`,
    caseness: BARKHAM_2013,
    reliableChange: `${BARKHAM_2013}; ${OUTCOMES_MD}`,
    missing: `${OUTCOMES_MD} (one missing item may be prorated: sum × 10/9, one decimal)`,
    response: `applied to CORE-10 as the product convention in ${OUTCOMES_MD}`,
    jacobsonTruax: `${JACOBSON_TRUAX_1991}; ${BARKHAM_2013}; ${CORE10_MANUAL}`,
    licence: 'https://www.coresystemtrust.org.uk/',
  },
};

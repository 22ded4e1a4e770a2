import { likertItems, type InstrumentDefinition } from '../definition.js';
import { OUTCOMES_MD } from './citations.js';

const MACKENZIE_1983 =
  'MacKenzie KR. The clinical application of a group climate measure. In: Dies RR, MacKenzie KR, eds. ' +
  'Advances in Group Psychotherapy: Integrating Research and Practice. New York: International Universities ' +
  'Press; 1983:159-170 (12 items 0–6; Engagement 1,2,4,8,11; Avoidance 3,5,9; Conflict 6,7,10,12)';

/** Group Climate Questionnaire, short form: three subscale means, no total. */
export const gcqsV1: InstrumentDefinition = {
  id: 'GCQ-S',
  version: 1,
  title: 'Group Climate Questionnaire - Short Form',
  items: likertItems(
    [
      'members liked and cared about each other',
      'members tried to understand why they do things',
      'members avoided important issues',
      'members felt what happened was important',
      'members depended on the leader',
      'friction and anger',
      'distance and withdrawal',
      'members challenged each other',
      'members did what seemed acceptable',
      'rejection and distrust',
      'members revealed sensitive personal information',
      'tension and anxiety',
    ],
    0,
    6,
  ),
  // Higher engagement is better, higher avoidance and conflict are not: no single direction
  // for change. 'higher-is-better' describes engagement, the subscale most reports trend.
  direction: 'higher-is-better',
  scoring: {
    kind: 'subscale-means',
    description:
      'No total. Subscale means over the answered items, two decimals: engagement (1,2,4,8,11), ' +
      'avoidance (3,5,9), conflict (6,7,10,12).',
    subscales: { engagement: [1, 2, 4, 8, 11], avoidance: [3, 5, 9], conflict: [6, 7, 10, 12] },
    decimals: 2,
  },
  missing: { kind: 'max-missing', maxMissing: 4 },
  bands: [],
  caseness: null,
  reliableChange: { threshold: null, units: 'total' },
  criticalItems: [],
  licence:
    'Published by MacKenzie (1983) and reproduced in the AGPA CORE-R battery; no licence fee is known. ' +
    'Confirm before commercial redistribution.',
  loinc: null,
  sources: {
    items: MACKENZIE_1983,
    subscales: MACKENZIE_1983,
    missing: `${OUTCOMES_MD} (invalid when more than 4 items are missing)`,
  },
};

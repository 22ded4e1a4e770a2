import { likertItems, type InstrumentDefinition } from '../definition.js';
import { OUTCOMES_MD, SHAH_2018, STEWART_BROWN_2009, WARWICK_HOWTO, WEMWBS_LICENCE } from './citations.js';
import { swemwbsMetricTableV1 } from './swemwbs-metric-table.js';

/**
 * Short WEMWBS, mental well-being. Licensed wording, so items carry neutral labels only.
 * Change (reliable change, classifyChange) works on metric scores, not raw sums.
 */
export const swemwbsV1: InstrumentDefinition = {
  id: 'SWEMWBS',
  version: 1,
  title: 'Short Warwick-Edinburgh Mental Well-being Scale',
  items: likertItems(
    [
      'optimism about the future',
      'feeling useful',
      'feeling relaxed',
      'dealing with problems',
      'thinking clearly',
      'closeness to others',
      'making up own mind',
    ],
    1,
    5,
  ),
  direction: 'higher-is-better',
  scoring: {
    kind: 'sum-then-metric',
    description:
      'Raw sum of the 7 items (7–35) in `total`; the Rasch metric score from the conversion table in `metric`.',
    table: swemwbsMetricTableV1,
  },
  missing: { kind: 'none-allowed' },
  bands: [],
  caseness: null,
  reliableChange: { threshold: 3, units: 'metric' },
  criticalItems: [],
  licence: WEMWBS_LICENCE,
  loinc: null,
  sources: {
    items: STEWART_BROWN_2009,
    metricTable: `${STEWART_BROWN_2009}; ${WARWICK_HOWTO}`,
    reliableChange: `${SHAH_2018}; ${OUTCOMES_MD}`,
    missing: `${OUTCOMES_MD} (no missing-item rule is published for SWEMWBS: complete responses only)`,
    licence: WEMWBS_LICENCE,
  },
};

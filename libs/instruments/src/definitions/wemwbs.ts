import { likertItems, type InstrumentDefinition } from '../definition.js';
import { MAHESWARAN_2012, OUTCOMES_MD, TENNANT_2007, WEMWBS_LICENCE } from './citations.js';

/** WEMWBS, mental well-being (14 items). Licensed wording: neutral labels only. */
export const wemwbsV1: InstrumentDefinition = {
  id: 'WEMWBS',
  version: 1,
  title: 'Warwick-Edinburgh Mental Well-being Scale',
  items: likertItems(
    [
      'optimism about the future',
      'feeling useful',
      'feeling relaxed',
      'interest in other people',
      'energy to spare',
      'dealing with problems',
      'thinking clearly',
      'feeling good about self',
      'closeness to others',
      'confidence',
      'making up own mind',
      'feeling loved',
      'interest in new things',
      'cheerfulness',
    ],
    1,
    5,
  ),
  direction: 'higher-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 14 items (14–70).' },
  missing: { kind: 'none-allowed' },
  bands: [],
  caseness: null,
  reliableChange: { threshold: 3, units: 'total' },
  criticalItems: [],
  licence: WEMWBS_LICENCE,
  loinc: null,
  sources: {
    items: TENNANT_2007,
    reliableChange: `${MAHESWARAN_2012}; ${OUTCOMES_MD}`,
    missing: `${OUTCOMES_MD} (complete responses only)`,
    licence: WEMWBS_LICENCE,
  },
};

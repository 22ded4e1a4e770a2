import { likertItems, type InstrumentDefinition } from '../definition.js';
import { KROENKE_2001, KROENKE_2010, NHS_TALKING_THERAPIES, OUTCOMES_MD, PHQ_LICENCE } from './citations.js';

/** PHQ-9, depression severity. Free to use, so item texts are the published ones, shortened. */
export const phq9V1: InstrumentDefinition = {
  id: 'PHQ-9',
  version: 1,
  title: 'Patient Health Questionnaire-9 (depression)',
  items: likertItems(
    [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed or hopeless',
      'Trouble with sleep (falling or staying asleep, or sleeping too much)',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself, or that you are a failure',
      'Trouble concentrating',
      'Moving or speaking slowly, or being fidgety or restless',
      'Thoughts of being better off dead or of hurting yourself',
    ],
    0,
    3,
  ),
  direction: 'lower-is-better',
  scoring: { kind: 'sum', description: 'Sum of the 9 items (0–27).' },
  missing: { kind: 'none-allowed' },
  bands: [
    { min: 0, max: 4, label: 'minimal' },
    { min: 5, max: 9, label: 'mild' },
    { min: 10, max: 14, label: 'moderate' },
    { min: 15, max: 19, label: 'moderately severe' },
    { min: 20, max: 27, label: 'severe' },
  ],
  caseness: { op: '>=', value: 10 },
  reliableChange: { threshold: 6, units: 'total' },
  criticalItems: [
    {
      itemKey: 'item9',
      op: '>',
      value: 0,
      message: 'PHQ-9 item 9 (thoughts of death or self-harm) was answered above 0: review risk today.',
    },
  ],
  response: { minDropFraction: 0.5 },
  remission: { op: '<', value: 5 },
  licence: PHQ_LICENCE,
  loinc: { total: '44261-6', panel: '44249-1' },
  sources: {
    items: KROENKE_2001,
    bands: KROENKE_2001,
    caseness: `${NHS_TALKING_THERAPIES}; ${KROENKE_2001} (≥ 10: sensitivity and specificity 88 % for major depression)`,
    reliableChange: NHS_TALKING_THERAPIES,
    criticalItems: OUTCOMES_MD,
    missing: `${OUTCOMES_MD} (valid only when complete)`,
    response: KROENKE_2010,
    remission: KROENKE_2010,
    loinc: 'https://loinc.org/44261-6/ (total score), https://loinc.org/44249-1/ (panel)',
    licence: 'https://www.phqscreeners.com/',
  },
};

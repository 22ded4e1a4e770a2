/**
 * Citations shared by several definitions. Each instrument's `sources` maps its figures
 * to these (or to its own); OUTCOMES.md is the product's summary of them.
 */
export const OUTCOMES_MD = 'shared/design/OUTCOMES.md, "Instruments" and "Change and recovery" (product design)';

export const KROENKE_2001 =
  'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. ' +
  'J Gen Intern Med 2001;16(9):606-613. https://doi.org/10.1046/j.1525-1497.2001.016009606.x';

export const KROENKE_2010 =
  'Kroenke K, Spitzer RL, Williams JBW, Löwe B. The Patient Health Questionnaire Somatic, Anxiety, and ' +
  'Depressive Symptom Scales: a systematic review. Gen Hosp Psychiatry 2010;32(4):345-359. ' +
  'https://doi.org/10.1016/j.genhosppsych.2010.03.006 (response = ≥ 50 % reduction, remission = PHQ-9 < 5)';

export const SPITZER_2006 =
  'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: ' +
  'the GAD-7. Arch Intern Med 2006;166(10):1092-1097. https://doi.org/10.1001/archinte.166.10.1092';

export const NHS_TALKING_THERAPIES =
  'NHS England. NHS Talking Therapies for anxiety and depression manual (caseness PHQ-9 ≥ 10, GAD-7 ≥ 8; ' +
  'reliable change PHQ-9 ≥ 6, GAD-7 ≥ 4). https://www.england.nhs.uk/publication/the-improving-access-to-psychological-therapies-manual/';

export const PHQ_LICENCE =
  'PHQ-9 and GAD-7 were developed by Drs Spitzer, Williams, Kroenke and colleagues with an educational grant ' +
  'from Pfizer Inc.; no permission is required to reproduce, translate, display or distribute them. ' +
  'https://www.phqscreeners.com/';

export const JACOBSON_TRUAX_1991 =
  'Jacobson NS, Truax P. Clinical significance: a statistical approach to defining meaningful change in ' +
  'psychotherapy research. J Consult Clin Psychol 1991;59(1):12-19. https://doi.org/10.1037/0022-006X.59.1.12';

export const STEWART_BROWN_2009 =
  'Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S. Internal construct validity of the ' +
  'Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis using data from the Scottish Health ' +
  'Education Population Survey. Health Qual Life Outcomes 2009;7:15. https://doi.org/10.1186/1477-7525-7-15';

export const WARWICK_HOWTO =
  'Warwick Medical School, "Using WEMWBS/SWEMWBS: how to score" (SWEMWBS raw → metric conversion table). ' +
  'https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto/';

export const SHAH_2018 =
  'Shah N, et al. Responsiveness of the Short Warwick Edinburgh Mental Well-Being Scale (SWEMWBS): evaluation ' +
  'a clinical sample. Health Qual Life Outcomes 2018;16:239. https://doi.org/10.1186/s12955-018-1060-2 ' +
  '(SEM 1.03 metric points; 2.77 × SEM reported as 2.87 points, 2.77 × 1.03 = 2.85; product default 3)';

export const TENNANT_2007 =
  'Tennant R, Hiller L, Fishwick R, et al. The Warwick-Edinburgh Mental Well-being Scale (WEMWBS): development ' +
  'and UK validation. Health Qual Life Outcomes 2007;5:63. https://doi.org/10.1186/1477-7525-5-63';

export const MAHESWARAN_2012 =
  'Maheswaran H, Weich S, Powell J, Stewart-Brown S. Evaluating the responsiveness of the Warwick Edinburgh ' +
  'Mental Well-Being Scale (WEMWBS): group and individual level analysis. Health Qual Life Outcomes ' +
  '2012;10:156. https://doi.org/10.1186/1477-7525-10-156 (SEM 2.4-3.1 points; ≈ 3 points used as threshold)';

export const WEMWBS_LICENCE =
  'WEMWBS and SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh. Free for ' +
  'non-commercial use after registration; commercial use needs a licence. ' +
  'https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/register/';

export const BARKHAM_2013 =
  'Barkham M, Bewick B, Mullin T, et al. The CORE-10: a short measure of psychological distress for routine ' +
  'use in the psychological therapies. Counselling and Psychotherapy Research 2013;13(1):3-13. ' +
  'https://doi.org/10.1080/14733145.2012.729069';

export const CORE10_MANUAL =
  'Connell J, Barkham M. CORE-10 User Manual, version 1.0. CORE System Trust, 2007 (normative data: general ' +
  'population n=535 M=4.7 SD=4.8; primary care counselling n=1835 M=19.7 SD=7.7; as reported by ' +
  'https://novopsych.com.au/assessments/outcome-monitoring/clinical-outcomes-in-routine-evaluation-10-core-10/ — ' +
  'verify against the manual\'s Table 3 before relying on them)';

export const MILLER_2003 =
  'Miller SD, Duncan BL, Brown J, Sparks JA, Claud DA. The Outcome Rating Scale: a preliminary study of the ' +
  'reliability, validity, and feasibility of a brief visual analog measure. Journal of Brief Therapy ' +
  '2003;2(2):91-100 (adult clinical cutoff 25)';

export const DUNCAN_2012 =
  'Duncan BL. The Partners for Change Outcome Management System (PCOMS): the Heart and Soul of Change ' +
  'Project. Canadian Psychology 2012;53(2):93-104. https://doi.org/10.1037/a0027762 (ORS cutoff 25, reliable ' +
  'change 5 points)';

export const PCOMS_LICENCE =
  'ORS and GSRS (PCOMS) © Scott D. Miller and Barry L. Duncan: free for individual practitioners on paper; ' +
  'agencies and any electronic administration need a licence. https://www.scottdmiller.com/performance-metrics/ ' +
  'and https://betteroutcomesnow.com/';

/**
 * The quasi-identifiers of a research export (PRIVACY.md: age band, gender, program, cohort)
 * and their generalization hierarchies. The program is the same for every row of an export
 * (one program per export), so it never splits a class. Cohort = the month the participant
 * joined the program.
 */
export interface QuasiIdentifiers {
  readonly ageBand: string;
  readonly gender: string;
  /** `YYYY-MM`. */
  readonly cohort: string;
}

export type AgeLevel = 'band' | 'wide' | 'wider' | 'any';
export type CohortLevel = 'month' | 'quarter' | 'year' | 'any';
export type GenderLevel = 'exact' | 'coarse';

export interface Generalization {
  readonly age: AgeLevel;
  readonly cohort: CohortLevel;
  readonly gender: GenderLevel;
}

/**
 * Full-domain generalization, one level for every row (so published values never overlap:
 * a reader cannot subtract a `30-49` class from a `30-39` one). Order of PRIVACY.md: wider
 * age bands, cohort by quarter, then year; then the rare genders together; then coarser still.
 */
export const LADDER: readonly Generalization[] = [
  { age: 'band', cohort: 'month', gender: 'exact' },
  { age: 'wide', cohort: 'month', gender: 'exact' },
  { age: 'wide', cohort: 'quarter', gender: 'exact' },
  { age: 'wide', cohort: 'year', gender: 'exact' },
  { age: 'wide', cohort: 'year', gender: 'coarse' },
  { age: 'wider', cohort: 'year', gender: 'coarse' },
  { age: 'wider', cohort: 'any', gender: 'coarse' },
  { age: 'any', cohort: 'any', gender: 'coarse' },
];

/** The age bands of registration (libs/system ageBand) and the values each level may publish. */
export const AGE_BANDS = ['under 18', '18-24', '25-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+'] as const;
const WIDE: Readonly<Record<string, string>> = {
  'under 18': 'under 30', '18-24': 'under 30', '25-29': 'under 30',
  '30-39': '30-49', '40-49': '30-49',
  '50-59': '50-69', '60-69': '50-69',
  '70-79': '70+', '80-89': '70+', '90+': '70+',
};
const WIDER: Readonly<Record<string, string>> = { 'under 30': 'under 50', '30-49': 'under 50', '50-69': '50+', '70+': '50+' };
export const PUBLISHABLE_AGE_VALUES: ReadonlySet<string> = new Set([...AGE_BANDS, ...Object.values(WIDE), ...Object.values(WIDER), '*', 'unknown']);

export const GENDERS = ['female', 'male', 'nonbinary', 'other', 'unknown'] as const;
/** Coarse gender keeps the two large categories and pools the rest (small in every real cohort). */
const COARSE_GENDER: Readonly<Record<string, string>> = { female: 'female', male: 'male' };
export const PUBLISHABLE_GENDER_VALUES: ReadonlySet<string> = new Set([...GENDERS, 'another or unknown']);

export function generalizeAge(band: string, level: AgeLevel): string {
  if (level === 'band') return band;
  if (level === 'any') return '*';
  const wide = WIDE[band] ?? 'unknown';
  return level === 'wide' ? wide : (WIDER[wide] ?? 'unknown');
}

export function generalizeCohort(month: string, level: CohortLevel): string {
  if (level === 'month') return month;
  if (level === 'any') return '*';
  const year = month.slice(0, 4);
  return level === 'year' ? year : `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function generalizeGender(gender: string, level: GenderLevel): string {
  return level === 'exact' ? gender : (COARSE_GENDER[gender] ?? 'another or unknown');
}

export function generalize(qi: QuasiIdentifiers, level: Generalization): QuasiIdentifiers {
  return { ageBand: generalizeAge(qi.ageBand, level.age), gender: generalizeGender(qi.gender, level.gender), cohort: generalizeCohort(qi.cohort, level.cohort) };
}

/** A cohort value as published: a month, a quarter, a year or `*`. */
export const PUBLISHABLE_COHORT = /^(\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?|\*)$/;

export function classKey(qi: QuasiIdentifiers): string {
  return `${qi.ageBand}\u0000${qi.gender}\u0000${qi.cohort}`;
}

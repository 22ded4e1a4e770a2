/**
 * The de-identification policy of research exports (PRIVACY.md "Research export"). Changing
 * any rule here changes what an export contains: bump POLICY_VERSION with it, so the same
 * request under the same version gives the same files.
 */
export const POLICY_VERSION = 'deid-1';

/** Default k of k-anonymity on the quasi-identifiers (PRIVACY.md: default 11). */
export const DEFAULT_K = 11;

/**
 * Aggregate cells from 1 to 10 are suppressed: the CMS cell-size suppression policy
 * (https://resdac.org/articles/cms-cell-size-suppression-policy).
 */
export const MIN_CELL = 11;

/**
 * The generalization level is the first of the ladder that suppresses at most this share of
 * the rows (then the rest of the small classes are suppressed); when none does, the level that
 * suppresses fewest. 5 % keeps the PRIVACY.md target (at least 90 % of rows survive) with room.
 */
export const MAX_SUPPRESSED_SHARE = 0.05;

/**
 * The redisclosure notice of 42 CFR 2.32(a)(1) ("Statement 1", as amended by the 2024 final
 * rule, 89 FR 12472): https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2/subpart-C/section-2.32
 * Every export of a Part 2 program carries it (manifest, NOTICE.txt, first line of each CSV).
 */
export const PART2_NOTICE =
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
  'These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
  'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, ' +
  'unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. ' +
  'In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of the following applies: ' +
  '(A) Further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2. ' +
  '(B) You are a covered entity or business associate and have received the record for treatment, payment, or health care operations, or ' +
  '(C) You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E. ' +
  'A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).';

/**
 * The shape of an instrument definition: scoring as versioned data (OUTCOMES.md
 * "Instruments"). A definition never changes once released; a correction is a new version.
 */
export type InstrumentId =
  | 'PHQ-9'
  | 'GAD-7'
  | 'SWEMWBS'
  | 'WEMWBS'
  | 'CORE-10'
  | 'BARC-10'
  | 'ORS'
  | 'GSRS'
  | 'GCQ-S';

export type Direction = 'lower-is-better' | 'higher-is-better';

export interface ItemDefinition {
  /** Stable key, `item1` … `itemN` (1-based, in the order of the form). */
  readonly key: string;
  /** A short paraphrase or neutral label, never licensed item wording. */
  readonly text: string;
  readonly min: number;
  readonly max: number;
  /** 1 for Likert items, 0.1 for visual-analog marks measured to one decimal. */
  readonly step: 1 | 0.1;
}

/**
 * A band covers totals from `min` up to the next band's `min` (exclusive); the last band
 * ends at its `max` (inclusive). `min`/`max` are the published integer limits, so a
 * prorated CORE-10 total of 10.6 falls in the 6–10 band, consistent with caseness ≥ 11.
 */
export interface Band {
  readonly min: number;
  readonly max: number;
  readonly label: string;
}

export interface Cutoff {
  readonly op: '>=' | '<=' | '<' | '>';
  readonly value: number;
}

/** The raw → metric conversion of a Rasch-scaled instrument (SWEMWBS). */
export interface MetricTable {
  readonly version: string;
  /** The raw sum that `values[0]` belongs to. */
  readonly rawMin: number;
  readonly values: readonly number[];
}

export type ScoringRule =
  | { readonly kind: 'sum'; readonly description: string }
  | { readonly kind: 'sum-then-metric'; readonly description: string; readonly table: MetricTable }
  | {
      readonly kind: 'subscale-means';
      readonly description: string;
      /** Subscale name → 1-based item numbers. */
      readonly subscales: Readonly<Record<string, readonly number[]>>;
      /** Means are rounded to this many decimals (presentation and storage). */
      readonly decimals: number;
    };

export type MissingItemRule =
  | { readonly kind: 'none-allowed' }
  /** Up to `maxMissing` missing: total = sum × items/answered, rounded to `decimals`. */
  | { readonly kind: 'prorate'; readonly maxMissing: number; readonly decimals: number }
  /** Up to `maxMissing` missing: means over the answered items; more → invalid. */
  | { readonly kind: 'max-missing'; readonly maxMissing: number };

export interface ReliableChange {
  /** Smallest change (in `units`) that counts as reliable; null = not published, configure it. */
  readonly threshold: number | null;
  /** SWEMWBS works on metric scores; everything else on the reported total. */
  readonly units: 'total' | 'metric';
}

export interface CriticalItemRule {
  readonly itemKey: string;
  readonly op: '>';
  readonly value: number;
  readonly message: string;
}

export interface ResponseRule {
  /** Response = the score fell by at least this fraction of baseline (0.5 = 50 %). */
  readonly minDropFraction: number;
}

/**
 * Jacobson & Truax (1991) parameters: reliability r, SD of the baseline (clinical)
 * population and the clinical and functional population means and SDs.
 */
export interface JacobsonTruaxParams {
  readonly direction: Direction;
  readonly r: number;
  readonly sdBaseline: number;
  readonly meanClinical: number;
  readonly sdClinical: number;
  readonly meanFunctional: number;
  readonly sdFunctional: number;
  readonly source: string;
}

/** A product flag threshold that is not a clinical caseness cutoff (e.g. GSRS < 36). */
export interface AlertCutoff extends Cutoff {
  readonly configurable: true;
  readonly note: string;
}

export interface Loinc {
  readonly total: string;
  readonly panel: string;
}

export interface InstrumentDefinition {
  readonly id: InstrumentId;
  readonly version: number;
  readonly title: string;
  readonly items: readonly ItemDefinition[];
  readonly direction: Direction;
  readonly scoring: ScoringRule;
  readonly missing: MissingItemRule;
  readonly bands: readonly Band[];
  readonly caseness: Cutoff | null;
  readonly reliableChange: ReliableChange;
  readonly criticalItems: readonly CriticalItemRule[];
  readonly response?: ResponseRule;
  /** Remission = latest score satisfies this cutoff (PHQ-9 < 5). */
  readonly remission?: Cutoff;
  readonly jacobsonTruax?: JacobsonTruaxParams;
  readonly alertCutoff?: AlertCutoff;
  readonly licence: string;
  readonly loinc: Loinc | null;
  /** Figure or field name → citation (with URL or DOI) for every number in the definition. */
  readonly sources: Readonly<Record<string, string>>;
}

/** Builds `item1` … `itemN` from short labels. */
export function likertItems(
  labels: readonly string[],
  min: number,
  max: number,
  step: 1 | 0.1 = 1,
): ItemDefinition[] {
  return labels.map((text, index) => ({ key: `item${index + 1}`, text, min, max, step }));
}

export function meetsCutoff(value: number, cutoff: Cutoff): boolean {
  switch (cutoff.op) {
    case '>=':
      return value >= cutoff.value;
    case '<=':
      return value <= cutoff.value;
    case '<':
      return value < cutoff.value;
    case '>':
      return value > cutoff.value;
  }
}

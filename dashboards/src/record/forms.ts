import { ApiError } from '../api/client.js';

/** An instrument as GET /instruments (or a kiosk sign-in) gives it to a form. */
export interface FormItem {
  key: string;
  text?: string;
  min: number;
  max: number;
  step: number;
  answers?: { value: number; label: string }[];
}
export interface FormInstrument {
  id: string;
  title?: string;
  items: FormItem[];
}

export interface MeasureResult {
  measureId: string;
  instrument: string;
  score: { total: number | null; subscales?: Record<string, number>; band?: string | null; caseness?: boolean | null; metric?: number | null; valid: boolean };
  alerts: { alertId: string; type: string; severity: string; message: string }[];
}

/** Field errors by JSON pointer (`/items/3`, `/administeredOn`), from a 400 problem. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.path, e.message]));
}

/** The same checks the api makes on one answer, so a mistake shows as it is typed. */
export function checkAnswer(item: FormItem, raw: string): string | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < item.min || value > item.max) return `must be between ${item.min} and ${item.max}`;
  const steps = (value - item.min) / item.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return item.step === 1 ? 'must be a whole number' : `must have at most one decimal`;
  return null;
}

/** Answers as the api wants them: numbers, unanswered as null. */
export function toItems(answers: readonly string[]): (number | null)[] {
  return answers.map((a) => (a.trim() === '' ? null : Number(a)));
}

/** Radio buttons when the scale is a handful of whole steps, else a number field. */
export function asChoices(item: FormItem): number[] | null {
  if (item.step !== 1 || item.max - item.min > 10) return null;
  return Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
}

export function scoreLine(result: MeasureResult): string {
  const { score } = result;
  if (!score.valid) return `${result.instrument}: not scored (too many items missing)`;
  const total = score.total === null ? '—' : Number.isInteger(score.total) ? String(score.total) : score.total.toFixed(1);
  const subscales = score.subscales ? Object.entries(score.subscales).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  return `${result.instrument} score ${score.total === null ? subscales : total}${score.band ? ` — ${score.band}` : ''}${score.metric != null ? ` (metric ${score.metric})` : ''}`;
}

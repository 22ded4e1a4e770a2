import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

function numberOrNull(f: Fields, value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) f.fail(path, 'is not a number or null');
  return value;
}

/** Score columns shared by `measures` and `measure_scores` (API.md `score`). */
function scoreColumns(f: Fields) {
  const score = f.nested(f.object('score'), 'score');
  const subscales: Record<string, number | null> = {};
  if (score.has('subscales')) {
    for (const [key, value] of Object.entries(score.object('subscales'))) {
      subscales[key] = numberOrNull(score, value, `subscales/${key}`);
    }
  }
  const caseness = score.has('caseness') ? (score.boolean('caseness') ? 1 : 0) : null;
  return {
    total: score.optionalNumber('total'),
    metric: score.optionalNumber('metric'),
    subscales,
    band: score.optionalText('band'),
    caseness,
    valid: score.boolean('valid') ? 1 : 0,
  };
}

function items(f: Fields): (number | null)[] {
  return f.array('items').map((item, i) => {
    return numberOrNull(f, item, `items/${i}`);
  });
}

/**
 * MeasureRecorded → measures (the administration with its score) + measure_scores;
 * MeasureRescored → measure_scores (a new fact beside the old one); MeasureVoided →
 * measure_voids (when, never the encrypted reason).
 */
export const measuresProjection: Projection = {
  name: 'measures',
  version: 1,
  handles: ['MeasureRecorded', 'MeasureRescored', 'MeasureVoided'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const base = {
      ...envelopeColumns(event),
      program_id: f.text('programId'),
      participant_id: f.text('participantId'),
      measure_id: f.text('measureId'),
    };
    if (event.type === 'MeasureVoided') {
      return [{ table: tables.measureVoids, row: { ...base, voided_at: f.occurredAt() } }];
    }
    const scored = { ...base, instrument: f.text('instrument'), instrument_version: f.count('instrumentVersion', 4294967295), ...scoreColumns(f) };
    const scoreRow: ProjectedRow = { table: tables.measureScores, row: { ...scored, scored_at: f.occurredAt() } };
    if (event.type === 'MeasureRescored') return [scoreRow];
    return [
      {
        table: tables.measures,
        row: {
          ...scored,
          group_id: f.optionalText('groupId'),
          session_id: f.optionalText('sessionId'),
          items: items(f),
          administered_on: f.day('administeredOn'),
          recorded_at: f.occurredAt(),
        },
      },
      scoreRow,
    ];
  },
};

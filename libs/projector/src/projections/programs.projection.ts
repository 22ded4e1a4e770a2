import type { RecordedEvent } from '#libs/events';
import { tables } from '../tables.js';
import { envelopeColumns, Fields } from './fields.js';
import type { Projection, ProjectedRow } from './projection.js';

const EVERY = ['session', 'week', '4weeks'] as const;

/** ProgramCreated → programs. */
export const programsProjection: Projection = {
  name: 'programs',
  version: 1,
  handles: ['ProgramCreated'],
  toRows(event: RecordedEvent): ProjectedRow[] {
    const f = new Fields(event);
    const schedule = f.array('schedule').map((entry, i) => f.nested(entry, `schedule/${i}`));
    return [
      {
        table: tables.programs,
        row: {
          ...envelopeColumns(event),
          program_id: f.text('programId'),
          name: f.text('name'),
          part2: f.boolean('part2') ? 1 : 0,
          time_zone: f.text('timeZone'),
          planned_weeks: f.optionalCount('plannedWeeks', 65535),
          schedule_instruments: schedule.map((s) => s.text('instrument')),
          schedule_every: schedule.map((s) => s.oneOf('every', EVERY)),
          created_at: f.occurredAt(),
        },
      },
    ];
  },
};

import { describe, expect, it } from '@jest/globals';
import { PoisonMessage } from '#libs/errors';
import { recorded, sampleLog } from '../testing/index.js';
import { programsProjection } from './programs.projection.js';

describe('programsProjection', () => {
  it('writes ProgramCreated as one programs row keyed by org and program, versioned by position', () => {
    const event = sampleLog().find((e) => e.type === 'ProgramCreated')!;
    expect(programsProjection.toRows(event)).toEqual([
      {
        table: 'programs',
        row: {
          org: 'org-1',
          event_id: event.eventId,
          version: event.position.toString(),
          program_id: 'prog-1',
          name: 'Recovery',
          part2: 1,
          time_zone: 'Europe/London',
          planned_weeks: 12,
          schedule_instruments: ['PHQ-9'],
          schedule_every: ['4weeks'],
          created_at: '2026-03-02T09:30:00.000Z',
        },
      },
    ]);
  });

  it('rejects a schedule entry with an unknown cadence as poison', () => {
    const event = recorded('ProgramCreated', { programId: 'p', name: 'n', part2: false, timeZone: 'UTC', plannedWeeks: null, schedule: [{ instrument: 'GAD-7', every: 'fortnight' }] }, 1);
    expect(() => programsProjection.toRows(event)).toThrow(PoisonMessage);
  });
});

import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { consentsProjection } from './consents.projection.js';

describe('consentsProjection', () => {
  it('keeps each consent decision as its own row keyed by event id', () => {
    const event = sampleLog().find((e) => e.type === 'ConsentRecorded')!;
    expect(consentsProjection.toRows(event)).toEqual([
      {
        table: 'consents',
        row: expect.objectContaining({ event_id: event.eventId, participant_id: 'part-alice', scope: 'research', status: 'granted', recipient: null, recorded_on: '2026-03-01' }),
      },
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { sampleLog } from '../testing/index.js';
import { milestonesProjection } from './milestones.projection.js';

describe('milestonesProjection', () => {
  it('projects type, date and value, never the encrypted label', () => {
    const event = sampleLog().find((e) => e.type === 'MilestoneReached')!;
    const rows = milestonesProjection.toRows(event);
    expect(rows).toEqual([
      { table: 'milestones', row: expect.objectContaining({ milestone_id: 'milestone-1', milestone_type: 'abstinent_30_days', achieved_on: '2026-04-02', value: 30 }) },
    ]);
    expect(JSON.stringify(rows)).not.toContain('label-alice');
  });
});

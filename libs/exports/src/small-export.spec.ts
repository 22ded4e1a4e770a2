import { describe, expect, it } from '@jest/globals';
import { buildDataset } from './dataset.js';
import { manifestOf, textFiles } from './files.js';
import { PART2_NOTICE } from './policy.js';
import type { ExportQuery } from './source.js';
import { smallSource, smallSurrogates } from './testing/index.js';

const query: ExportQuery = { programId: 'program-1', from: null, to: null, instruments: [], k: 3 };

describe('a small export checked by hand', () => {
  const dataset = buildDataset(smallSource(), query, smallSurrogates);
  const files = new Map(textFiles(dataset).map((f) => [f.name, f.bytes.toString('utf8')]));

  it('keeps the consented, suppresses the one row no generalization can hide, and says so', () => {
    expect({ participants: dataset.participants, rowsSuppressed: dataset.rowsSuppressed, rowsGeneralized: dataset.rowsGeneralized, level: dataset.level }).toEqual({
      participants: 9,
      rowsSuppressed: 1,
      rowsGeneralized: 0,
      // Every level suppresses the single nonbinary row; the earliest of the ties keeps the most detail.
      level: { age: 'band', cohort: 'month', gender: 'exact' },
    });
    expect(dataset.subjects).toEqual(['part-01', 'part-02', 'part-03', 'part-04', 'part-05', 'part-06', 'part-07', 'part-08', 'part-09']);
  });

  it('writes the participant table: surrogates, bands, joining month, status, days, dose', () => {
    const women = [1, 2, 3, 4, 5, 6].map((n) => `S0${n},30-39,female,2026-01,ongoing,,${n === 1 ? '1,1,90' : '0,0,0'}`);
    expect(files.get('participants.csv')).toBe(
      ['participant_id,age_band,gender,cohort,status,last_day,sessions_recorded,sessions_attended,minutes_attended', ...women, 'S07,40-49,male,2026-01,ongoing,,1,0,0', 'S08,40-49,male,2026-01,ongoing,,0,0,0', 'S09,40-49,male,2026-01,dropped_out,42,0,0,0', ''].join('\n'),
    );
  });

  it('writes measures, attendance, milestones and memberships as days since joining, without the excluded people', () => {
    expect(files.get('measures.csv')).toBe('participant_id,instrument,day,instrument_version,cluster_id,total,metric,band,caseness,valid\nS01,PHQ-9,0,1,C1,15,,moderately severe,true,true\nS01,PHQ-9,28,1,C1,9,,mild,false,true\n');
    expect(files.get('attendance.csv')).toBe('participant_id,day,cluster_id,status,duration_minutes\nS01,7,C1,present,90\nS07,7,C1,absent,90\n');
    expect(files.get('milestones.csv')).toBe('participant_id,milestone,day,value\nS07,goal_achieved,15,\n');
    expect(files.get('memberships.csv')?.split('\n').slice(0, 2)).toEqual(['participant_id,cluster_id,join_day,leave_day,leave_reason', 'S01,C1,0,,']);
    expect(files.get('memberships.csv')).toContain('\nS09,C1,0,42,dropped_out\n');
  });

  it('suppresses the small aggregate cells and their complements', () => {
    expect(files.get('aggregate_milestones.csv')).toBe('milestone,gender,participants\ngoal_achieved,female,0\ngoal_achieved,male,\ngoal_achieved,(all),\n(all),female,0\n(all),male,\n(all),(all),\n');
    expect(files.get('aggregate_status.csv')).toBe('status,cohort,participants\ndropped_out,2026-01,\ndropped_out,(all),\nongoing,2026-01,\nongoing,(all),\n(all),2026-01,\n(all),(all),\n');
    expect(dataset.cellsSuppressed).toBe(10);
  });

  it('lists every file with rows and checksum in the manifest, and puts the Part 2 notice in a Part 2 export', () => {
    const manifest = manifestOf(dataset, query, textFiles(dataset));
    expect(manifest.files.map((f) => `${f.name}:${f.rows}`)).toEqual([
      'aggregate_milestones.csv:6', 'aggregate_status.csv:6', 'attendance.csv:2', 'dictionary.csv:39', 'dictionary.json:39', 'measures.csv:2', 'memberships.csv:9', 'milestones.csv:1', 'participants.csv:9',
    ]);
    expect(manifest.notice).toBeUndefined();
    const part2 = buildDataset({ ...smallSource(), part2: true }, query, smallSurrogates);
    const part2Files = textFiles(part2);
    expect(manifestOf(part2, query, part2Files).notice).toBe(PART2_NOTICE);
    expect(part2Files.find((f) => f.name === 'NOTICE.txt')?.bytes.toString()).toBe(`${PART2_NOTICE}\n`);
    expect(part2Files.filter((f) => f.name.endsWith('.csv')).every((f) => f.bytes.toString().startsWith(`# ${PART2_NOTICE}\n`))).toBe(true);
  });
});

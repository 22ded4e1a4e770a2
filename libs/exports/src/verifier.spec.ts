import { describe, expect, it } from '@jest/globals';
import { buildDataset } from './dataset.js';
import { type ExportFile, manifestFile, manifestOf, textFiles } from './files.js';
import type { ExportQuery } from './source.js';
import { smallSource, smallSurrogates } from './testing/index.js';
import { verifyExport } from './verifier.js';

const query: ExportQuery = { programId: 'program-1', from: null, to: null, instruments: [], k: 3 };
const forbidden = smallSource().participants.map((p) => p.participantId);

function exportFiles(): ExportFile[] {
  const dataset = buildDataset(smallSource(), query, smallSurrogates);
  const files = textFiles(dataset);
  return [...files, manifestFile(manifestOf(dataset, query, files))];
}

/** The export with one file's text changed (the manifest is left as written, as an attacker would). */
function tampered(name: string, change: (text: string) => string): ExportFile[] {
  return exportFiles().map((f) => (f.name === name ? { ...f, bytes: Buffer.from(change(f.bytes.toString())) } : f));
}
const verify = (files: ExportFile[], k = 3) => verifyExport(files, { k, forbidden });

describe('the export verifier', () => {
  it('passes the export as built', () => {
    expect(verify(exportFiles())).toEqual([]);
  });

  it('refuses a class smaller than k', () => {
    expect(verify(exportFiles(), 4)).toContain('participants.csv: class 40-49|male|2026-01 has 3 rows, fewer than k = 4');
  });

  it('refuses identifiers: a full date, a raw id, an email, a value outside the hierarchies', () => {
    const problems = verify(tampered('participants.csv', (t) => t.replace('S01,30-39,female,2026-01', 'part-01,34,female,2026-01-05').replace('S02', 'a.person@example.org')));
    expect(problems).toEqual(expect.arrayContaining([
      'participants.csv: full date',
      'participants.csv: email address',
      'participants.csv: forbidden value "part-01…"',
      'participants.csv: age band "34" is not publishable',
      'participants.csv: cohort "2026-01-05" is not publishable',
      'participants.csv: checksum differs from the manifest',
    ]));
  });

  it('refuses a column the dictionary does not declare (free text) and rows of unpublished people', () => {
    expect(verify(tampered('milestones.csv', (t) => t.replace('value\n', 'value,label\n').replace('S07,goal_achieved,15,', 'S10,goal_achieved,15,,Got a job at the bakery')))).toEqual(
      expect.arrayContaining(['milestones.csv: columns participant_id,milestone,day,value,label are not the dictionary\'s participant_id,milestone,day,value', 'milestones.csv: 1 rows of participants not in participants.csv']),
    );
  });

  it('refuses a small aggregate cell and a suppressed cell the margins give away', () => {
    expect(verify(tampered('aggregate_milestones.csv', (t) => t.replace('goal_achieved,male,\n', 'goal_achieved,male,1\n')))).toContain('aggregate_milestones.csv: cell goal_achieved/male = 1 is a small cell');
    // Publishing the grand total and a column total of zero lets a reader solve the rest.
    const leaky = tampered('aggregate_milestones.csv', (t) => t.replace('goal_achieved,female,0\n', 'goal_achieved,female,\n').replace('(all),(all),\n', '(all),(all),11\n').replace('(all),male,\n', '(all),male,11\n'));
    expect(verify(leaky).some((p) => p.includes('can be derived from the margins'))).toBe(true);
  });

  it('refuses a missing file the manifest lists', () => {
    expect(verify(exportFiles().filter((f) => f.name !== 'measures.csv'))).toEqual(expect.arrayContaining(['measures.csv: declared in the dictionary but missing', 'manifest.json lists measures.csv, which is missing']));
  });
});

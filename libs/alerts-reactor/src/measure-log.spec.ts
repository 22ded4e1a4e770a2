import { describe, expect, it } from '@jest/globals';
import { MeasureLog } from './measure-log.js';
import type { ScoredMeasure } from './state.js';

const score = (measureId: string, over: Partial<ScoredMeasure> = {}): ScoredMeasure => ({
  measureId,
  instrument: 'PHQ-9',
  value: 12,
  administeredOn: '2026-02-03',
  sessionId: null,
  position: 41,
  ...over,
});

const plain = (measures: readonly ScoredMeasure[]) => measures.map(({ measureId, instrument, value, administeredOn, sessionId, position }) => ({ measureId, instrument, value, administeredOn, sessionId, position }));

describe('MeasureLog', () => {
  it('gives back every field exactly, for UUIDs at the edges of their range and for other ids', () => {
    const measures = [
      score('00000000-0000-4000-8000-000000000000'),
      score('ffffffff-ffff-ffff-ffff-ffffffffffff', { instrument: 'SWEMWBS', value: 19.98, administeredOn: '2026-12-31', sessionId: 's-1', position: 2 ** 52 }),
      score('0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', { instrument: 'GSRS', value: 35.5 }),
      score('ABCDEF01-2345-4678-9ABC-DEF012345678', { value: 0 }), // not lowercase: kept as text
      score('m-legacy', { value: -3 }),
    ];
    const log = new MeasureLog();
    for (const measure of measures) log.push(measure);
    expect(log.length).toBe(5);
    expect(plain(log.all())).toEqual(measures);
    log.trim();
    expect(plain(log.all())).toEqual(measures);
    for (const measure of measures) expect(plain([log.find(measure.measureId)!])).toEqual([measure]);
  });

  it('finds, changes and removes a score by id, and answers one instrument in arrival order', () => {
    const log = new MeasureLog();
    const ids = ['3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', '3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', 'other-id', '3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f02'];
    log.push(score(ids[0]!, { value: 20 }));
    log.push(score(ids[1]!, { instrument: 'GAD-7', value: 9 }));
    log.push(score(ids[2]!, { value: 15 }));
    log.push(score(ids[3]!, { value: 10 }));
    expect(log.has(ids[1]!)).toBe(true);
    // One hex digit off is another measure.
    expect(log.has('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f03')).toBe(false);
    expect(log.has('unknown')).toBe(false);
    expect(log.ofInstrument('PHQ-9').map((m) => [m.measureId, m.value])).toEqual([[ids[0], 20], [ids[2], 15], [ids[3], 10]]);

    expect(log.setValue(ids[3]!, 11)).toBe(true);
    expect(log.find(ids[3]!)?.value).toBe(11);
    expect(log.remove(ids[0]!)).toBe(true);
    expect(log.remove(ids[0]!)).toBe(false);
    expect(log.setValue(ids[0]!, 1)).toBe(false);
    expect(log.all().map((m) => m.measureId)).toEqual([ids[1], ids[2], ids[3]]);
    expect(log.remove(ids[2]!)).toBe(true);
    expect(log.find(ids[3]!)).toMatchObject({ measureId: ids[3], value: 11, instrument: 'PHQ-9' });
    expect(log.length).toBe(2);
  });

  it("answers an instrument's latest administered date without the scores, whatever their order", () => {
    const log = new MeasureLog();
    expect(log.latestDateOf('PHQ-9')).toBeNull();
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', { administeredOn: '2026-03-10' }));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', { instrument: 'GAD-7', administeredOn: '2026-05-01' }));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f02', { administeredOn: '2026-02-01' }));
    expect(log.latestDateOf('PHQ-9')).toBe('2026-03-10');
    expect(log.latestDateOf('GAD-7')).toBe('2026-05-01');
    expect(log.latestDateOf('SWEMWBS')).toBeNull();
    log.remove('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00');
    expect(log.latestDateOf('PHQ-9')).toBe('2026-02-01');
  });

  it('answers the sessions and dates an instrument was given for, without the scores', () => {
    const log = new MeasureLog();
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', { administeredOn: '2026-03-10', sessionId: 's-1' }));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', { instrument: 'GAD-7', administeredOn: '2026-05-01', sessionId: 's-2' }));
    log.push(score('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f02', { administeredOn: '2026-03-17' }));
    const phq = log.coverageOf('PHQ-9');
    expect([...phq.sessionIds]).toEqual(['s-1']);
    expect([...phq.dates].sort()).toEqual(['2026-03-10', '2026-03-17']);
    expect(log.coverageOf('SWEMWBS')).toEqual({ sessionIds: new Set(), dates: new Set() });
  });
});

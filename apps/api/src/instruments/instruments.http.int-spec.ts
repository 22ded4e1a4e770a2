import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/events';
import { getInstrument, type InstrumentDefinition, instruments } from '#libs/instruments';
import { StreamExecutor } from '../commands/stream-executor.js';
import { type ClinicalWorld, created, expectProblem, head, newParticipant, phq9, setUpClinicalWorld, startClinicalApi } from '../measures/testing/clinical-fixtures.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { FixedInstrumentRegistry } from './instrument-registry.js';
import { Rescorer } from './rescorer.js';

/** A test-only PHQ-9 version 2: the same items with two made-up bands, so a re-score is visible. */
const phq9V2: InstrumentDefinition = {
  ...getInstrument('PHQ-9')!,
  version: 2,
  bands: [
    { min: 0, max: 9, label: 'test-low' },
    { min: 10, max: 27, label: 'test-high' },
  ],
};

describe('GET /instruments', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await startClinicalApi()));
  afterAll(async () => api.close());

  it('lists the definition in force of every instrument, public fields only', async () => {
    const token = await api.token('researcher');
    const result = await api.http('GET', '/api/v1/instruments', { token });
    expect(result.status).toBe(200);
    expect(result.body.items.map((i: { id: string }) => i.id)).toEqual(['PHQ-9', 'GAD-7', 'SWEMWBS', 'WEMWBS', 'CORE-10', 'BARC-10', 'ORS', 'GSRS', 'GCQ-S']);
    const phq = result.body.items[0];
    expect(phq).toMatchObject({ version: 1, direction: 'lower-is-better', caseness: { op: '>=', value: 10 }, loinc: { total: '44261-6', panel: '44249-1' } });
    expect(phq.items).toHaveLength(9);
    expect(phq.items[8]).toMatchObject({ key: 'item9', min: 0, max: 3, step: 1, text: 'Thoughts of being better off dead or of hurting yourself' });
    expect(phq.items[8].answers.map((a: { label: string }) => a.label)).toEqual(['Not at all', 'Several days', 'More than half the days', 'Nearly every day']);
    expect(result.body.items.find((i: { id: string }) => i.id === 'GSRS').items[0]).toEqual({ key: 'item1', min: 0, max: 10, step: 0.1, text: 'relationship' });
    expect(phq).not.toHaveProperty('sources');
    expect(phq).not.toHaveProperty('criticalItems');
    expectProblem(await api.http('GET', '/api/v1/instruments'), 401, 'UNAUTHENTICATED');
  });
});

describe('re-scoring history with a new definition version', () => {
  let api: ApiHarness;
  let w: ClinicalWorld;
  beforeAll(async () => {
    api = await startClinicalApi();
    w = await setUpClinicalWorld(api);
  });
  afterAll(async () => api.close());

  const measure = (participantId: string, instrument: string, items: (number | null)[], token = w.tokens.director) =>
    created(api.http('POST', `/api/v1/participants/${participantId}/measures`, { token, body: { instrument, items, administeredOn: '2026-02-02' } }));
  const admin = { principal: { sub: 'admin-1', org: 'org-a', role: 'admin' as const }, correlationId: 'rescore-test' };
  const eventsOf = async (type: string): Promise<RecordedEvent[]> => (await api.store.readAll()).filter((e) => e.type === type);

  it('POST /admin/instruments/{instrument}/rescore: admin only, 404 for an unknown instrument, nothing to do at the latest version', async () => {
    await measure(w.participantId, 'PHQ-9', phq9(0, 2));
    const before = await head(api);
    expect(await api.http('POST', '/api/v1/admin/instruments/PHQ-9/rescore', { token: w.tokens.admin })).toMatchObject({ status: 200, body: { rescored: 0 } });
    expectProblem(await api.http('POST', '/api/v1/admin/instruments/PHQ-9/rescore', { token: w.tokens.director }), 403, 'ROLE_NOT_ALLOWED');
    expectProblem(await api.http('POST', '/api/v1/admin/instruments/BDI-II/rescore', { token: w.tokens.admin }), 404, 'INSTRUMENT_NOT_FOUND');
    expect(await head(api)).toBe(before);
  });

  it('adds a MeasureRescored beside each older PHQ-9 of the organization, edits nothing, and a second run appends nothing', async () => {
    const second = await newParticipant(api, w.tokens.director, w.programId, w.groupId);
    const a = await measure(second, 'PHQ-9', phq9(0, 0)); // total 0
    const b = await measure(second, 'PHQ-9', phq9(0, 2)); // total 16
    const voided = await measure(second, 'PHQ-9', phq9(0, 1)); // total 8
    await created(api.http('POST', `/api/v1/participants/${second}/measures/${voided.measureId}/void`, { token: w.tokens.director, body: { reason: 'duplicate' } }), 200);
    await measure(second, 'GAD-7', [1, 1, 1, 1, 1, 1, 1]);
    const otherOrg = await api.token('director', 'director-9', 'org-b');
    const otherProgram = await created(api.http('POST', '/api/v1/programs', { token: otherOrg, body: { name: 'B', part2: false, timeZone: 'UTC' } }));
    const stranger = await newParticipant(api, otherOrg, otherProgram.programId);
    await measure(stranger, 'PHQ-9', phq9(0, 1), otherOrg);

    const recordedBefore = await eventsOf('MeasureRecorded');
    const rescorer = new Rescorer(api.store, api.app.get(StreamExecutor), new FixedInstrumentRegistry([...instruments, phq9V2]));
    // The first participant's one PHQ-9 (first test) and the second's three, the voided one included.
    expect(await rescorer.rescore('PHQ-9', admin)).toEqual({ rescored: 4 });

    const rescored = await eventsOf('MeasureRescored');
    expect(rescored).toHaveLength(4);
    expect(rescored.every((e) => e.metadata.org === 'org-a' && e.metadata.actor.role === 'admin')).toBe(true);
    const byMeasure = new Map(rescored.map((e) => [(e.data as { measureId: string }).measureId, e.data]));
    expect(byMeasure.get(a.measureId)).toMatchObject({ participantId: second, instrument: 'PHQ-9', instrumentVersion: 2, score: { total: 0, band: 'test-low', valid: true } });
    expect(byMeasure.get(b.measureId)).toMatchObject({ instrumentVersion: 2, score: { total: 16, band: 'test-high', caseness: true } });
    expect(byMeasure.has(voided.measureId)).toBe(true);
    expect(await eventsOf('MeasureRecorded')).toEqual(recordedBefore);

    const headAfterFirstRun = await head(api);
    expect(await rescorer.rescore('PHQ-9', admin)).toEqual({ rescored: 0 });
    expect(await head(api)).toBe(headAfterFirstRun);
  });

  it('answers INSTRUMENT_NOT_FOUND for an instrument the injected registry does not hold', async () => {
    const rescorer = new Rescorer(api.store, api.app.get(StreamExecutor), new FixedInstrumentRegistry([phq9V2]));
    await expect(rescorer.rescore('GAD-7', admin)).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
  });
});

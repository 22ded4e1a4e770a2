import { describe, expect, it } from '@jest/globals';
import { getInstrument, instrumentIds, instruments, instrumentSummary, isInstrumentId } from './index.js';

describe('registry', () => {
  it('holds the nine instruments at version 1', () => {
    expect(instrumentIds).toEqual(['PHQ-9', 'GAD-7', 'SWEMWBS', 'WEMWBS', 'CORE-10', 'BARC-10', 'ORS', 'GSRS', 'GCQ-S']);
    expect(instruments.map((d) => d.version)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it.each([
    ['PHQ-9', 9, 0, 3, 1],
    ['GAD-7', 7, 0, 3, 1],
    ['SWEMWBS', 7, 1, 5, 1],
    ['WEMWBS', 14, 1, 5, 1],
    ['CORE-10', 10, 0, 4, 1],
    ['BARC-10', 10, 1, 6, 1],
    ['ORS', 4, 0, 10, 0.1],
    ['GSRS', 4, 0, 10, 0.1],
    ['GCQ-S', 12, 0, 6, 1],
  ])('%s has %i items %i–%i, step %d', (id, count, min, max, step) => {
    const definition = getInstrument(id)!;
    expect(definition.items).toHaveLength(count);
    for (const item of definition.items) expect(item).toMatchObject({ min, max, step });
    expect(definition.items.map((item) => item.key)).toEqual(Array.from({ length: count }, (_, i) => `item${i + 1}`));
  });

  it.each([
    ['PHQ-9', 'lower-is-better', { op: '>=', value: 10 }, 6],
    ['GAD-7', 'lower-is-better', { op: '>=', value: 8 }, 4],
    ['SWEMWBS', 'higher-is-better', null, 3],
    ['WEMWBS', 'higher-is-better', null, 3],
    ['CORE-10', 'lower-is-better', { op: '>=', value: 11 }, 6],
    ['BARC-10', 'higher-is-better', null, null],
    ['ORS', 'higher-is-better', { op: '<=', value: 25 }, 5],
    ['GSRS', 'higher-is-better', null, null],
  ])('%s: %s, caseness %p, reliable change %p', (id, direction, caseness, threshold) => {
    const definition = getInstrument(id)!;
    expect(definition.direction).toBe(direction);
    expect(definition.caseness).toEqual(caseness);
    expect(definition.reliableChange.threshold).toBe(threshold);
  });

  it('GSRS alert cutoff defaults to < 36 and is configurable', () => {
    expect(getInstrument('GSRS')!.alertCutoff).toMatchObject({ op: '<', value: 36, configurable: true });
  });

  it('SWEMWBS reliable change is in metric points', () => {
    expect(getInstrument('SWEMWBS')!.reliableChange).toEqual({ threshold: 3, units: 'metric' });
  });

  it('LOINC codes: total on the score, panel beside it', () => {
    expect(getInstrument('PHQ-9')!.loinc).toEqual({ total: '44261-6', panel: '44249-1' });
    expect(getInstrument('GAD-7')!.loinc).toEqual({ total: '70274-6', panel: '69737-5' });
    expect(getInstrument('ORS')!.loinc).toBeNull();
  });

  it('getInstrument: latest without a version, exact with one, undefined when unknown', () => {
    expect(getInstrument('PHQ-9')?.version).toBe(1);
    expect(getInstrument('PHQ-9', 1)?.id).toBe('PHQ-9');
    expect(getInstrument('PHQ-9', 2)).toBeUndefined();
    expect(getInstrument('BDI-II')).toBeUndefined();
    expect(getInstrument('phq-9')).toBeUndefined();
  });

  it('isInstrumentId', () => {
    expect(isInstrumentId('GCQ-S')).toBe(true);
    expect(isInstrumentId('GCQ')).toBe(false);
    expect(isInstrumentId(9)).toBe(false);
  });

  it('every figure a definition carries has a source', () => {
    for (const definition of instruments) {
      const sources = definition.sources;
      expect(sources.items).toEqual(expect.any(String));
      expect(sources.missing).toEqual(expect.any(String));
      if (definition.bands.length > 0) expect(sources.bands).toEqual(expect.any(String));
      if (definition.caseness !== null) expect(sources.caseness).toEqual(expect.any(String));
      if (definition.reliableChange.threshold !== null) expect(sources.reliableChange).toEqual(expect.any(String));
      if (definition.response) expect(sources.response).toEqual(expect.any(String));
      if (definition.remission) expect(sources.remission).toEqual(expect.any(String));
      if (definition.jacobsonTruax) expect(sources.jacobsonTruax).toEqual(expect.any(String));
      if (definition.alertCutoff) expect(sources.alertCutoff).toEqual(expect.any(String));
      if (definition.loinc) expect(sources.loinc).toEqual(expect.any(String));
      if (definition.criticalItems.length > 0) expect(sources.criticalItems).toEqual(expect.any(String));
      expect(definition.licence.length).toBeGreaterThan(0);
    }
  });
});

describe('instrumentSummary (GET /instruments)', () => {
  it('PHQ-9', () => {
    const summary = instrumentSummary(getInstrument('PHQ-9')!);
    expect(Object.keys(summary)).toEqual([
      'id', 'version', 'title', 'items', 'direction', 'scoring', 'bands', 'caseness', 'reliableChange', 'licence', 'loinc',
    ]);
    expect(summary).toMatchObject({
      id: 'PHQ-9',
      version: 1,
      direction: 'lower-is-better',
      scoring: { kind: 'sum' },
      caseness: { op: '>=', value: 10 },
      reliableChange: { threshold: 6, units: 'total' },
      loinc: { total: '44261-6', panel: '44249-1' },
    });
    expect(summary.items[8]).toEqual({ key: 'item9', min: 0, max: 3, step: 1 });
    expect(summary.bands.map((band) => band.label)).toEqual(['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    for (const definition of instruments) {
      const summary = instrumentSummary(definition);
      expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { classifyChange, getInstrument } from './index.js';

const phq9 = getInstrument('PHQ-9')!;
const gad7 = getInstrument('GAD-7')!;
const core10 = getInstrument('CORE-10')!;
const swemwbs = getInstrument('SWEMWBS')!;
const ors = getInstrument('ORS')!;
const barc10 = getInstrument('BARC-10')!;

describe('threshold method, lower-is-better (PHQ-9: threshold 6, caseness ≥ 10)', () => {
  it('18 → 9: reliable recovery, exactly 50 % is a response, 9 is no remission', () => {
    expect(classifyChange(phq9, 18, 9)).toEqual({
      change: -9,
      reliableChangeThreshold: 6,
      reliableImprovement: true,
      reliableDeterioration: false,
      caseAtBaseline: true,
      caseAtEnd: false,
      recovery: true,
      reliableRecovery: true,
      response: true,
      remission: false,
    });
  });

  it('18 → 12: a drop of exactly 6 is reliable, still a case, no response (12 > 9)', () => {
    expect(classifyChange(phq9, 18, 12)).toMatchObject({
      change: -6,
      reliableImprovement: true,
      caseAtEnd: true,
      recovery: false,
      reliableRecovery: false,
      response: false,
    });
  });

  it('12 → 7: recovery without reliable improvement (drop 5 < 6)', () => {
    expect(classifyChange(phq9, 12, 7)).toMatchObject({
      change: -5,
      reliableImprovement: false,
      recovery: true,
      reliableRecovery: false,
      response: false,
    });
  });

  it('18 → 4: remission (< 5)', () => {
    expect(classifyChange(phq9, 18, 4)).toMatchObject({ remission: true, response: true, recovery: true });
  });

  it('18 → 5: 5 is not remission', () => {
    expect(classifyChange(phq9, 18, 5).remission).toBe(false);
  });

  it('10 → 16: reliable deterioration (rise of 6)', () => {
    expect(classifyChange(phq9, 10, 16)).toMatchObject({
      change: 6,
      reliableImprovement: false,
      reliableDeterioration: true,
      recovery: false,
    });
  });

  it('8 → 2: not a case at baseline, so no recovery', () => {
    expect(classifyChange(phq9, 8, 2)).toMatchObject({
      caseAtBaseline: false,
      recovery: false,
      reliableImprovement: true,
      reliableRecovery: false,
    });
  });

  it('GAD-7 12 → 8: a drop of 4 is reliable but 8 is still a case', () => {
    expect(classifyChange(gad7, 12, 8)).toMatchObject({
      change: -4,
      reliableImprovement: true,
      caseAtEnd: true,
      recovery: false,
      response: false,
      remission: null,
    });
  });

  it('CORE-10 20 → 14.4 (prorated): change −5.6 is not reliable', () => {
    expect(classifyChange(core10, 20, 14.4)).toMatchObject({ change: -5.6, reliableImprovement: false });
  });
});

describe('threshold method, higher-is-better', () => {
  it('SWEMWBS on metric scores: 19.25 → 22.35 (+3.10) is reliable improvement', () => {
    expect(classifyChange(swemwbs, 19.25, 22.35)).toEqual({
      change: 3.1,
      reliableChangeThreshold: 3,
      reliableImprovement: true,
      reliableDeterioration: false,
      caseAtBaseline: null,
      caseAtEnd: null,
      recovery: null,
      reliableRecovery: null,
      response: null,
      remission: null,
    });
  });

  it('SWEMWBS 19.25 → 21.54 (+2.29) is not reliable', () => {
    expect(classifyChange(swemwbs, 19.25, 21.54)).toMatchObject({ change: 2.29, reliableImprovement: false });
  });

  it('SWEMWBS 22.35 → 19.25 (−3.10) is reliable deterioration', () => {
    expect(classifyChange(swemwbs, 22.35, 19.25)).toMatchObject({
      change: -3.1,
      reliableImprovement: false,
      reliableDeterioration: true,
    });
  });

  it('ORS 20.1 → 25.1: +5.0 is reliable (no float noise) and 25.1 leaves the clinical range', () => {
    expect(classifyChange(ors, 20.1, 25.1)).toMatchObject({
      change: 5,
      reliableImprovement: true,
      caseAtBaseline: true,
      caseAtEnd: false,
      recovery: true,
      reliableRecovery: true,
      response: null,
    });
  });

  it('ORS 30 → 24: reliable deterioration into the clinical range', () => {
    expect(classifyChange(ors, 30, 24)).toMatchObject({
      change: -6,
      reliableImprovement: false,
      reliableDeterioration: true,
      caseAtBaseline: false,
      caseAtEnd: true,
      recovery: false,
    });
  });

  it('BARC-10 has no published threshold: null unless configured', () => {
    expect(classifyChange(barc10, 40, 47)).toMatchObject({
      change: 7,
      reliableChangeThreshold: null,
      reliableImprovement: null,
      reliableDeterioration: null,
      reliableRecovery: null,
    });
    expect(classifyChange(barc10, 40, 45, { reliableChange: 5 })).toMatchObject({
      reliableChangeThreshold: 5,
      reliableImprovement: true,
      reliableDeterioration: false,
    });
  });
});

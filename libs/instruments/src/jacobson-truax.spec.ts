import { describe, expect, it } from '@jest/globals';
import { clinicalCutoff, getInstrument, jacobsonTruax, type JacobsonTruaxParams } from './index.js';

// Hand-worked parameters (not from any instrument):
//   r = 0.84, SD_baseline = 5 → SE = 5 × √(1 − 0.84) = 5 × 0.4 = 2.0
//   S_diff = √2 × 2.0 = 2.828427…
//   c = (SD_clin·M_func + SD_func·M_clin)/(SD_clin + SD_func) = (5·4 + 3·16)/(5 + 3) = 68/8 = 8.5
const lowerIsBetter: JacobsonTruaxParams = {
  direction: 'lower-is-better',
  r: 0.84,
  sdBaseline: 5,
  meanClinical: 16,
  sdClinical: 5,
  meanFunctional: 4,
  sdFunctional: 3,
  source: 'hand-worked example',
};

describe('jacobsonTruax, lower is better', () => {
  it('cutoff c = 8.5', () => {
    expect(clinicalCutoff(lowerIsBetter)).toBe(8.5);
  });

  it('18 → 8: RCI = −10/2.828427 = −3.535534, reliable, crosses c → recovered', () => {
    const result = jacobsonTruax(lowerIsBetter, 18, 8);
    expect(result.rci).toBeCloseTo(-3.535534, 5);
    expect(result).toMatchObject({ reliable: true, cutoff: 8.5, category: 'recovered' });
  });

  it('18 → 9: RCI = −9/2.828427 = −3.181981, reliable, 9 > 8.5 → improved', () => {
    const result = jacobsonTruax(lowerIsBetter, 18, 9);
    expect(result.rci).toBeCloseTo(-3.181981, 5);
    expect(result).toMatchObject({ reliable: true, category: 'improved' });
  });

  it('18 → 15: RCI = −3/2.828427 = −1.060660, not reliable → unchanged', () => {
    const result = jacobsonTruax(lowerIsBetter, 18, 15);
    expect(result.rci).toBeCloseTo(-1.06066, 5);
    expect(result).toMatchObject({ reliable: false, category: 'unchanged' });
  });

  it('18 → 24: RCI = 6/2.828427 = 2.121320 > 1.96 → deteriorated', () => {
    const result = jacobsonTruax(lowerIsBetter, 18, 24);
    expect(result.rci).toBeCloseTo(2.12132, 5);
    expect(result).toMatchObject({ reliable: true, category: 'deteriorated' });
  });

  it('7 → 1: reliable but already functional at baseline → improved, not recovered', () => {
    // RCI = −6/2.828427 = −2.121320
    expect(jacobsonTruax(lowerIsBetter, 7, 1)).toMatchObject({ reliable: true, category: 'improved' });
  });
});

describe('jacobsonTruax, higher is better', () => {
  // Mirror image: clinical M 4 SD 3, functional M 16 SD 5 → c = (3·16 + 5·4)/(3 + 5) = 68/8 = 8.5
  const higherIsBetter: JacobsonTruaxParams = {
    ...lowerIsBetter,
    direction: 'higher-is-better',
    meanClinical: 4,
    sdClinical: 3,
    meanFunctional: 16,
    sdFunctional: 5,
  };

  it('2 → 12: RCI = 10/2.828427 = 3.535534, crosses 8.5 upwards → recovered', () => {
    const result = jacobsonTruax(higherIsBetter, 2, 12);
    expect(result.rci).toBeCloseTo(3.535534, 5);
    expect(result).toMatchObject({ cutoff: 8.5, category: 'recovered' });
  });

  it('2 → 8: RCI = 2.121320, reliable, 8 < 8.5 → improved', () => {
    expect(jacobsonTruax(higherIsBetter, 2, 8)).toMatchObject({ reliable: true, category: 'improved' });
  });

  it('12 → 6: RCI = −2.121320, the worse way → deteriorated', () => {
    expect(jacobsonTruax(higherIsBetter, 12, 6)).toMatchObject({ reliable: true, category: 'deteriorated' });
  });
});

describe('CORE-10 parameters (Connell & Barkham 2007; α 0.90, Barkham 2013)', () => {
  // SE = 7.7 × √0.1 = 2.434953; S_diff = √2 × 2.434953 = 3.443545
  // c = (7.7·4.7 + 4.8·19.7)/(7.7 + 4.8) = (36.19 + 94.56)/12.5 = 130.75/12.5 = 10.46
  const params = getInstrument('CORE-10')!.jacobsonTruax!;

  it('20 → 10: RCI = −10/3.443545 = −2.903984, 10 < 10.46 → recovered', () => {
    const result = jacobsonTruax(params, 20, 10);
    expect(result.rci).toBeCloseTo(-2.903984, 5);
    expect(result.cutoff).toBeCloseTo(10.46, 10);
    expect(result.category).toBe('recovered');
  });

  it('20 → 14: RCI = −6/3.443545 = −1.742390 → unchanged', () => {
    const result = jacobsonTruax(params, 20, 14);
    expect(result.rci).toBeCloseTo(-1.74239, 5);
    expect(result.category).toBe('unchanged');
  });

  it('instruments without published parameters have none', () => {
    for (const id of ['PHQ-9', 'GAD-7', 'SWEMWBS', 'WEMWBS', 'BARC-10', 'ORS', 'GSRS', 'GCQ-S']) {
      expect(getInstrument(id)!.jacobsonTruax).toBeUndefined();
    }
  });
});

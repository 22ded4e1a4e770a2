import { describe, expect, it } from '@jest/globals';
import { criticalItemAlerts, getInstrument } from './index.js';

const phq9 = getInstrument('PHQ-9')!;

describe('critical items (PHQ-9 item 9 > 0 whatever the total)', () => {
  it.each([1, 2, 3])('item 9 = %i raises one high-severity alert', (value) => {
    expect(criticalItemAlerts(phq9, [0, 0, 0, 0, 0, 0, 0, 0, value])).toEqual([
      {
        type: 'critical_item',
        severity: 'high',
        itemKey: 'item9',
        message: 'PHQ-9 item 9 (thoughts of death or self-harm) was answered above 0: review risk today.',
      },
    ]);
  });

  it('item 9 = 0 raises nothing, even with a severe total', () => {
    expect(criticalItemAlerts(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0])).toEqual([]);
  });

  it('a missing item 9 raises nothing (the response is invalid anyway)', () => {
    expect(criticalItemAlerts(phq9, [3, 3, 3, 3, 3, 3, 3, 3, null])).toEqual([]);
  });

  it('other instruments have no critical items', () => {
    expect(criticalItemAlerts(getInstrument('GAD-7')!, [3, 3, 3, 3, 3, 3, 3])).toEqual([]);
    expect(criticalItemAlerts(getInstrument('CORE-10')!, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4])).toEqual([]);
  });
});

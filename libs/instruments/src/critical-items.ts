import { meetsCutoff, type InstrumentDefinition } from './definition.js';

export interface CriticalItemAlert {
  readonly type: 'critical_item';
  readonly severity: 'high';
  readonly itemKey: string;
  readonly message: string;
}

/**
 * Alerts decided with the measure itself, whatever the total (OUTCOMES.md "Alerts"):
 * PHQ-9 item 9 > 0. A missing item raises nothing.
 */
export function criticalItemAlerts(
  definition: InstrumentDefinition,
  items: readonly (number | null)[],
): CriticalItemAlert[] {
  return definition.criticalItems.flatMap((rule) => {
    const index = definition.items.findIndex((item) => item.key === rule.itemKey);
    const value = items[index];
    if (value === null || value === undefined) return [];
    if (!meetsCutoff(value, { op: rule.op, value: rule.value })) return [];
    return [{ type: 'critical_item' as const, severity: 'high' as const, itemKey: rule.itemKey, message: rule.message }];
  });
}

import type { FieldError } from '#libs/errors';
import type { InstrumentDefinition, ItemDefinition } from './definition.js';

/**
 * Checks a request's `items` against the definition. Paths are JSON pointers relative to
 * the request body: `/items` for the array itself, `/items/3` for the fourth item.
 * An empty list means the items can be scored (possibly as invalid, when a rule that
 * tolerates missing items is exceeded: see scoreResponse).
 */
export function validateResponse(definition: InstrumentDefinition, items: unknown): FieldError[] {
  const count = definition.items.length;
  if (!Array.isArray(items)) {
    return [{ path: '/items', message: `must be an array of ${count} item scores` }];
  }
  if (items.length !== count) {
    return [{ path: '/items', message: `must have exactly ${count} items for ${definition.id} (got ${items.length})` }];
  }
  const errors: FieldError[] = [];
  definition.items.forEach((item, index) => {
    const message = itemProblem(definition, item, items[index]);
    if (message !== null) errors.push({ path: `/items/${index}`, message });
  });
  return errors;
}

function itemProblem(definition: InstrumentDefinition, item: ItemDefinition, value: unknown): string | null {
  if (value === null) {
    return definition.missing.kind === 'none-allowed'
      ? `may not be missing: ${definition.id} is scored only when complete`
      : null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return definition.missing.kind === 'none-allowed' ? 'must be a number' : 'must be a number or null';
  }
  if (value < item.min || value > item.max) return `must be between ${item.min} and ${item.max}`;
  if (!onStep(value, item)) {
    return item.step === 1 ? 'must be a whole number' : 'must have at most one decimal';
  }
  return null;
}

function onStep(value: number, item: ItemDefinition): boolean {
  const stepsFromMin = (value - item.min) / item.step;
  // Tolerate binary floating point (0.3 / 0.1 = 2.9999999999999996).
  return Math.abs(stepsFromMin - Math.round(stepsFromMin)) < 1e-9;
}

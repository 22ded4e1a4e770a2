import { getInstrument, type InstrumentDefinition, type InstrumentId } from '#libs/instruments';
import { clamp, type Random } from './prng.js';

/** The definition the API validates against, so generated items always fit its ranges and steps. */
export function definitionOf(instrument: InstrumentId): InstrumentDefinition {
  const definition = getInstrument(instrument);
  if (!definition) throw new Error(`unknown instrument ${instrument}`);
  return definition;
}

/** The smallest and largest total the items of `definition` can sum to. */
export function totalRange(definition: InstrumentDefinition): { min: number; max: number; step: number } {
  const step = definition.items[0]!.step;
  return {
    min: definition.items.reduce((sum, item) => sum + item.min, 0),
    max: definition.items.reduce((sum, item) => sum + item.max, 0),
    step,
  };
}

const units = (value: number, step: number) => Math.round(value / step);

/**
 * An item vector summing exactly to `total` (clamped to the instrument's range, rounded to its
 * step). `weights` (one per item) give a person a stable symptom profile; `fixed` pins items
 * by index (PHQ-9 item 9). Work happens in integer units of the step, so 0.1 marks add up exactly.
 */
export function itemsSumming(
  random: Random,
  definition: InstrumentDefinition,
  total: number,
  weights: readonly number[] = definition.items.map(() => 1),
  fixed: ReadonlyMap<number, number> = new Map(),
): number[] {
  const { step } = totalRange(definition);
  const mins = definition.items.map((item) => units(item.min, step));
  const maxs = definition.items.map((item) => units(item.max, step));
  const values = definition.items.map((_, i) => (fixed.has(i) ? units(fixed.get(i)!, step) : mins[i]!));
  const free = definition.items.map((_, i) => i).filter((i) => !fixed.has(i));
  const floor = values.reduce((sum, v) => sum + v, 0);
  const ceiling = floor + free.reduce((sum, i) => sum + maxs[i]! - mins[i]!, 0);
  let remaining = clamp(units(total, step), floor, ceiling) - floor;
  // A little jitter per administration so two equal totals need not have equal items.
  const jittered = free.map((i) => Math.max(0.05, (weights[i] ?? 1) * random.between(0.6, 1.4)));
  while (remaining > 0) {
    const open = free.map((i, k) => (values[i]! < maxs[i]! ? jittered[k]! : 0));
    const sum = open.reduce((a, b) => a + b, 0);
    let roll = random.next() * sum;
    let k = open.findIndex((w) => (roll -= w) < 0);
    if (k < 0) k = open.findLastIndex((w) => w > 0);
    const i = free[k]!;
    // Allocate in chunks on fine scales (0.1 steps) so a 40-point GSRS takes tens of steps, not hundreds.
    const chunk = Math.min(remaining, maxs[i]! - values[i]!, Math.max(1, Math.round(remaining / (free.length * 2))));
    values[i] = values[i]! + chunk;
    remaining -= chunk;
  }
  return values.map((v) => Number((v * step).toFixed(step < 1 ? 1 : 0)));
}

/** A person's symptom profile: which items tend to carry their score. */
export function itemWeights(random: Random, definition: InstrumentDefinition): number[] {
  return definition.items.map(() => random.between(0.5, 1.5));
}

/**
 * GCQ-S items from a group climate (subscale means on 0–6): engagement, avoidance and conflict
 * items drawn around their subscale's level with person noise (MacKenzie 1983 item map, see
 * libs/instruments gcq-s definition).
 */
export function gcqsItems(random: Random, climate: { engagement: number; avoidance: number; conflict: number }): number[] {
  const scale: Record<number, number> = {};
  for (const i of [1, 2, 4, 8, 11]) scale[i] = climate.engagement;
  for (const i of [3, 5, 9]) scale[i] = climate.avoidance;
  for (const i of [6, 7, 10, 12]) scale[i] = climate.conflict;
  return Array.from({ length: 12 }, (_, k) => clamp(Math.round(random.normal(scale[k + 1]!, 0.8)), 0, 6));
}

import { expect } from '@jest/globals';
import type { Comparison } from './clean-replay.js';

/**
 * Every appended event reached ClickHouse once in effect: the tables as they stand (FINAL), their
 * counts and the analytics queries answer exactly what a clean replay of the same log answers.
 */
export function expectSameAsCleanReplay(comparison: Comparison): void {
  const { actual, replay, events } = comparison;
  // Guards against a vacuous pass: the log and the replay hold the facts the cohort wrote.
  expect(events.length).toBeGreaterThan(300);
  expect(replay.counts['measures']).toBeGreaterThan(100);
  expect(replay.counts['attendance']).toBeGreaterThan(10);
  expect(actual.counts).toEqual(replay.counts);
  for (const table of Object.keys(replay.rows)) expect({ table, rows: actual.rows[table] }).toEqual({ table, rows: replay.rows[table] });
  expect(Object.keys(replay.queries).length).toBeGreaterThan(3);
  expect(floatNoiseFree(actual.queries)).toEqual(floatNoiseFree(replay.queries));
}

/**
 * Floating-point aggregates (avg, stddev) sum in the order of the table's data parts, and an
 * incrementally fed table has other parts than a one-shot replay: the last bits differ
 * (35.14 vs 35.13999999999999 seen). Twelve significant digits keep every real difference.
 */
function floatNoiseFree(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(floatNoiseFree);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, floatNoiseFree(v)]));
  return value;
}

import type { InstrumentDefinition, InstrumentId } from './definition.js';
import { barc10V1 } from './definitions/barc-10.js';
import { core10V1 } from './definitions/core-10.js';
import { gad7V1 } from './definitions/gad-7.js';
import { gcqsV1 } from './definitions/gcq-s.js';
import { gsrsV1 } from './definitions/gsrs.js';
import { orsV1 } from './definitions/ors.js';
import { phq9V1 } from './definitions/phq-9.js';
import { swemwbsV1 } from './definitions/swemwbs.js';
import { wemwbsV1 } from './definitions/wemwbs.js';

/** Every released definition, all versions. Add a new version; never edit a released one. */
export const instruments: readonly InstrumentDefinition[] = Object.freeze([
  phq9V1,
  gad7V1,
  swemwbsV1,
  wemwbsV1,
  core10V1,
  barc10V1,
  orsV1,
  gsrsV1,
  gcqsV1,
]);

export const instrumentIds: readonly InstrumentId[] = Object.freeze([
  ...new Set(instruments.map((definition) => definition.id)),
]);

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (instrumentIds as readonly string[]).includes(value);
}

/**
 * The definition of `id` at `version`, or the latest version when none is given;
 * undefined when unknown (the HTTP layer answers 400 "unknown instrument").
 */
export function getInstrument(id: string, version?: number): InstrumentDefinition | undefined {
  const versions = instruments.filter((definition) => definition.id === id);
  if (version !== undefined) return versions.find((definition) => definition.version === version);
  return versions.reduce<InstrumentDefinition | undefined>(
    (latest, definition) => (latest === undefined || definition.version > latest.version ? definition : latest),
    undefined,
  );
}

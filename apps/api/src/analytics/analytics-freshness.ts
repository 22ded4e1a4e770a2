import type { ReadModel } from '../directory/read-positions.js';

/**
 * How far the analytics tables have got in the event log: `asOf` of every analytics response
 * and a read model `?minPosition=` waits for. Embedded: the in-process projector; production:
 * the positions the projector processes record in ClickHouse.
 */
export abstract class AnalyticsFreshness implements ReadModel {
  readonly name = 'analytics';
  abstract position(): bigint;
  abstract waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

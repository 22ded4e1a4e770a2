import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { distEntry, freePort, type ProcessSet, type TestProcess } from './processes.js';
import { getJson, until } from './waiting.js';

/** A process with a /health endpoint on loopback. */
export interface Served {
  readonly process: TestProcess;
  readonly url: string;
}

/**
 * The api as its own process in embedded mode (SQLite event store in `dataDir`, its own relay,
 * projector and chDB in `dataDir/analytics`): the writer of every fault test, through HTTP.
 */
export async function startApi(processes: ProcessSet, dataDir: string, name = 'api'): Promise<Served> {
  const port = await freePort();
  const process = processes.node(name, distEntry('api'), {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} to answer /health`, async () => ((await fetch(`${url}/health`)).status < 500 ? true : undefined), { processes: [process] });
  return { process, url };
}

/** Names shared by one test's relay and projector: a topic, its dead-letter topic and a group of their own. */
export function kafkaNames(): { topic: string; deadLetterTopic: string; groupId: string } {
  const id = randomUUID().slice(0, 8);
  return { topic: `faults-${id}`, deadLetterTopic: `faults-${id}-dlq`, groupId: `faults-projector-${id}` };
}

export interface RelayEnv {
  readonly brokers: string;
  readonly dataDir: string;
  readonly checkpointDir: string;
  readonly names: ReturnType<typeof kafkaNames>;
  readonly crashAt?: string;
}

/**
 * apps/relay over the api's SQLite file. One partition: the projector's position (the highest
 * position it projected) then means "everything before it too", which is how the tests know the
 * pipeline caught up; small batches so a crash point lands mid-stream.
 */
export async function startRelay(processes: ProcessSet, env: RelayEnv, name = 'relay'): Promise<Served> {
  const port = await freePort();
  const process = processes.node(name, distEntry('relay'), {
    EVENT_STORE: 'sqlite',
    DATA_DIR: env.dataDir,
    CHECKPOINT_DIR: env.checkpointDir,
    KAFKA_BROKERS: env.brokers,
    KAFKA_TOPIC: env.names.topic,
    KAFKA_DEAD_LETTER_TOPIC: env.names.deadLetterTopic,
    KAFKA_PARTITIONS: '1',
    RELAY_MAX_BATCH: '40',
    // The embedded api writing the same SQLite file runs the alerts reactor already: one appender per file.
    ALERTS_REACTOR: 'false',
    HEALTH_PORT: String(port),
    HEALTH_HOST: '127.0.0.1',
    ...(env.crashAt ? { FAULT_CRASH_AT: env.crashAt } : {}),
  });
  return { process, url: `http://127.0.0.1:${port}` };
}

export interface ProjectorEnv {
  readonly brokers: string;
  readonly analyticsPath: string;
  readonly names: ReturnType<typeof kafkaNames>;
  readonly crashAt?: string;
}

/** apps/projector into chDB at `analyticsPath` (database `analytics`); the shortest session timeout so a crashed member's partition moves on quickly. */
export async function startProjector(processes: ProcessSet, env: ProjectorEnv, name = 'projector'): Promise<Served> {
  const port = await freePort();
  const process = processes.node(name, distEntry('projector'), {
    KAFKA_BROKERS: env.brokers,
    KAFKA_TOPIC: env.names.topic,
    KAFKA_DEAD_LETTER_TOPIC: env.names.deadLetterTopic,
    KAFKA_GROUP_ID: env.names.groupId,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    ANALYTICS_PATH: env.analyticsPath,
    ANALYTICS_DATABASE: 'analytics',
    MAX_BATCH: '40',
    HEALTH_PORT: String(port),
    HEALTH_HOST: '127.0.0.1',
    ...(env.crashAt ? { FAULT_CRASH_AT: env.crashAt } : {}),
  });
  return { process, url: `http://127.0.0.1:${port}` };
}

/** The event store's head as the api reports it. */
export async function apiHead(api: Served): Promise<bigint> {
  return BigInt((await getJson(`${api.url}/health`)).eventStore.head);
}

/**
 * The head once the api has gone quiet: every stage its /health reports (the alerts reactor
 * included, which appends alerts in reaction to the last writes) reached it and no event came
 * after. Capturing the head while the reactor still reacts would let an alert land past it.
 */
export async function settledHead(api: Served): Promise<bigint> {
  return until('the api to settle (every stage at an unchanged head)', async () => {
    const health = await getJson(`${api.url}/health`);
    const head = BigInt(health.eventStore.head);
    const allThere = health.stages.every((s: { position: string }) => BigInt(s.position) >= head);
    return allThere && (await apiHead(api)) === head ? head : undefined;
  }, { processes: [api.process] });
}

/** Waits until the relay checkpointed and the projector projected everything up to `head`. */
export async function caughtUp(relay: Served, projector: Served, head: bigint, timeoutMs = 90_000): Promise<void> {
  const processes = [relay.process, projector.process];
  await until(`the relay to reach ${head}`, async () => (BigInt((await getJson(`${relay.url}/health`)).relay.position) >= head ? true : undefined), { timeoutMs, processes });
  await until(`the projector to reach ${head}`, async () => (BigInt((await getJson(`${projector.url}/health`)).projector.position) >= head ? true : undefined), { timeoutMs, processes });
}

/** The path of the chDB data of a projector run under `dir`. */
export const projectorChdb = (dir: string) => join(dir, 'projector-chdb');

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { Conflict, DependencyUnavailable } from '#libs/errors';
import { eventStoreContract, newEvent } from '#testing/event-store';
import { KurrentDbStandIn } from './testing/index.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import type { RunningKurrentDb } from './testing/kurrentdb-container.js';

/*
 * TESTING.md: the contract runs (a) against a real KurrentDB through testcontainers whenever a
 * container runtime exists and (b) always against the in-process gRPC stand-in, which runs the
 * real client's wire path. The output says which ran.
 */
const standIns: KurrentDbStandIn[] = [];
afterAll(async () => {
  await Promise.all(standIns.map((s) => s.stop()));
});

async function startStandIn(): Promise<KurrentDbStandIn> {
  const standIn = await KurrentDbStandIn.start();
  standIns.push(standIn);
  return standIn;
}

let shared: Promise<KurrentDbStandIn> | undefined;
eventStoreContract('KurrentDB client against the in-process gRPC stand-in', async () => {
  shared ??= startStandIn();
  const store = new KurrentDbEventStore((await shared).connectionString);
  return { store, dispose: () => store.close() };
});

const containerRuntime = process.env.DOCKER_HOST ?? (existsSync('/var/run/docker.sock') ? 'unix:///var/run/docker.sock' : undefined);
if (containerRuntime) {
  console.log(`KurrentDB contract: running against a real server (testcontainers, ${containerRuntime}) and against the in-process gRPC stand-in.`);
  // Scoped, so a container that cannot start fails only these tests, loudly.
  describe('a real server', () => {
    let real: RunningKurrentDb | undefined;
    beforeAll(async () => {
      // Imported here only: testcontainers is heavy and of no use without a runtime.
      const { startKurrentDbContainer } = await import('./testing/kurrentdb-container.js');
      real = await startKurrentDbContainer();
    }, 300_000);
    afterAll(async () => real?.stop(), 60_000);
    eventStoreContract('KurrentDB client against a real KurrentDB server (testcontainers)', async () => {
      if (!real) throw new Error('the KurrentDB container did not start');
      const store = new KurrentDbEventStore(real.connectionString);
      return { store, dispose: () => store.close() };
    });
  });
} else {
  console.log('KurrentDB contract against a real server (testcontainers): not run: no container runtime (no DOCKER_HOST, no /var/run/docker.sock). Ran: the in-process gRPC stand-in only.');
}

describe('KurrentDbEventStore against the stand-in', () => {
  it('uses exactly these gRPC methods (a client upgrade that moves the wire path fails here)', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString);
    await store.append('s-1', [newEvent()], 'no_stream');
    await store.readStream('s-1');
    await store.readAll({ limit: 1 });
    const controller = new AbortController();
    for await (const _event of store.subscribeAll({ signal: controller.signal })) break;
    await store.headPosition();
    await store.close();
    expect([...new Set(standIn.calls)].sort()).toEqual([
      '/event_store.client.server_features.ServerFeatures/GetSupportedMethods',
      '/event_store.client.streams.Streams/Append',
      '/event_store.client.streams.Streams/Read',
    ]);
  });

  it('maps a wrong expected revision to Conflict 409 WRONG_EXPECTED_REVISION', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString);
    await store.append('s-2', [newEvent()], 'no_stream');
    const rejection = store.append('s-2', [newEvent()], 7);
    await expect(rejection).rejects.toBeInstanceOf(Conflict);
    await expect(rejection).rejects.toMatchObject({ status: 409, code: 'WRONG_EXPECTED_REVISION' });
    await store.close();
  });

  it('refuses an empty append, as the SQLite adapter does', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString);
    await expect(store.append('s-5', [], 'any')).rejects.toThrow('append needs at least one event');
    await store.close();
  });

  it('answers a retried append that meets a wrong expected revision with the original result', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString);
    const events = [newEvent(), newEvent()];
    const first = await store.append('s-3', events, 'no_stream');
    await store.append('s-3', [newEvent()], 1);
    // The server's own deduplication does not cover this one (the stream moved on): the adapter looks it up.
    await expect(store.append('s-3', events, 'no_stream')).resolves.toEqual(first);
    await store.close();
  });

  it('rejects appends and reads with DependencyUnavailable once the server is gone, after its retries', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString, { retry: { attempts: 2, initialDelayMs: 10 } });
    await store.append('s-4', [newEvent()], 'no_stream');
    await standIn.stop();
    await expect(store.append('s-4', [newEvent()], 0)).rejects.toBeInstanceOf(DependencyUnavailable);
    await expect(store.readStream('s-4')).rejects.toBeInstanceOf(DependencyUnavailable);
    await expect(store.readAll()).rejects.toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    await store.close();
  });

  it('ends a live subscription with DependencyUnavailable when the server goes away', async () => {
    const standIn = await startStandIn();
    const store = new KurrentDbEventStore(standIn.connectionString);
    await store.append('s-6', [newEvent('First')], 'no_stream');
    const seen: string[] = [];
    const following = (async () => {
      for await (const event of store.subscribeAll()) {
        seen.push(event.type);
        if (seen.length === 1) await standIn.stop();
      }
    })();
    await expect(following).rejects.toBeInstanceOf(DependencyUnavailable);
    expect(seen).toEqual(['First']);
    await store.close();
  });
});

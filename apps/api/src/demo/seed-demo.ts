import type { INestApplication } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { DEMO_OPTIONS, generateCohort, seedThroughHttp } from '#libs/synthetic';
import { Clock, dateInTimeZone } from '#libs/system';
import { Directory } from '../directory/directory.js';
import { logger } from '../bootstrap.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import { nameDemoStaff } from './demo-staff.js';

/**
 * First start with SEED_DEMO: fill the synthetic demo organization `demo` through the public
 * API (the same validation and rules as any client), once. A later start finds its programs
 * and leaves the data alone.
 */
export async function seedDemoOnFirstStart(app: INestApplication, baseUrl: string): Promise<void> {
  const directory = app.get(Directory);
  const store = app.get(EventStore);
  await directory.waitFor(await store.headPosition(), 60_000);
  const seeded = [...directory.programs.values()].some((p) => p.org === DEMO_OPTIONS.org);
  if (!seeded) {
    const today = dateInTimeZone(app.get(Clock).now(), 'UTC');
    logger.log(`Seeding the synthetic demo organization "${DEMO_OPTIONS.org}"…`);
    const result = await seedThroughHttp(baseUrl, generateCohort({ ...DEMO_OPTIONS, today }), { concurrency: 4 });
    logger.log(`Demo seeded: ${result.requests} requests in ${Math.round(result.milliseconds)} ms.`);
  }
  await nameDemoFacilitators(app, baseUrl);
}

/**
 * The demo's facilitators get names (PUT /staff/{userId}) so the dashboard shows people, not ids;
 * also on a later start of a demo seeded before staff names existed (nobody of `demo` named yet).
 */
async function nameDemoFacilitators(app: INestApplication, baseUrl: string): Promise<void> {
  const directory = app.get(Directory);
  const staff = app.get(StaffDirectory);
  const head = await app.get(EventStore).headPosition();
  await Promise.all([directory.waitFor(head, 60_000), staff.waitFor(head, 60_000)]);
  if (staff.list(DEMO_OPTIONS.org).length > 0) return;
  const facilitators = [...directory.groups.values()].filter((g) => g.org === DEMO_OPTIONS.org).flatMap((g) => g.facilitatorIds);
  await nameDemoStaff(baseUrl, DEMO_OPTIONS.org, facilitators.sort());
}

import { randomUUID } from 'node:crypto';
import { addDays, type ApiRequest } from '#libs/synthetic';
import type { LoadRequest } from './load.js';

interface SessionTarget {
  readonly groupId: string;
  readonly sessionId: string;
  readonly date: string;
  /** Attendance records the api accepted for this session: members enrolled on its date. */
  readonly records: readonly { participantId: string; status: string }[];
}

interface MemberTarget {
  readonly participantId: string;
  readonly session: SessionTarget;
  readonly instruments: readonly string[];
}

const STATUSES = ['present', 'present', 'present', 'late', 'absent', 'excused'];
const ITEM_SHAPE: Record<string, { count: number; max: number; step: number }> = {
  'PHQ-9': { count: 9, max: 3, step: 1 },
  'GAD-7': { count: 7, max: 3, step: 1 },
  'CORE-10': { count: 10, max: 4, step: 1 },
  GSRS: { count: 4, max: 10, step: 0.1 },
};

/**
 * The durable writes of a working day, drawn at random over the seeded organization:
 * 60 % questionnaires (half tied to a session, PHQ-9 item 9 kept at 0 so no alert fan-out),
 * 30 % attendance corrections (a later PUT of a session's attendance), 10 % new sessions.
 * Targets come from the requests the api accepted while seeding, so every write is valid.
 */
export function writeMix(seeded: readonly ApiRequest[], token: string, today: string): () => LoadRequest {
  const sessions = new Map<string, SessionTarget>();
  const groupStarts = new Map<string, string>();
  for (const r of seeded) {
    if (r.kind === 'group') groupStarts.set(r.body.groupId as string, r.body.startsOn as string);
    if (r.kind === 'session') sessions.set(r.body.sessionId as string, { groupId: r.path.split('/')[4]!, sessionId: r.body.sessionId as string, date: r.body.date as string, records: [] });
    if (r.kind === 'attendance') {
      const session = sessions.get(r.path.split('/')[6]!)!;
      sessions.set(session.sessionId, { ...session, records: r.body.records as SessionTarget['records'] });
    }
  }
  const programOf = new Map(seeded.filter((r) => r.kind === 'participant').map((r) => [r.body.participantId as string, r.body.programId as string]));
  const instrumentsOf = new Map(seeded.filter((r) => r.kind === 'program').map((r) => [r.body.programId as string, (r.body.schedule as { instrument: string }[]).map((s) => s.instrument).filter((i) => i in ITEM_SHAPE)]));
  const recorded = [...sessions.values()].filter((s) => s.records.length > 0);
  const members: MemberTarget[] = recorded.flatMap((session) => session.records.map((r) => ({ participantId: r.participantId, session, instruments: instrumentsOf.get(programOf.get(r.participantId)!)! })));
  const groups = [...groupStarts.entries()];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
  const latest = addDays(today, -1);

  return () => {
    const roll = Math.random();
    if (roll < 0.6) {
      const member = pick(members);
      const instrument = pick(member.instruments);
      const shape = ITEM_SHAPE[instrument]!;
      const items = Array.from({ length: shape.count }, (_, i) => (instrument === 'PHQ-9' && i === 8 ? 0 : Math.round((Math.random() * shape.max) / shape.step) * shape.step)).map((v) => Number(v.toFixed(1)));
      const atSession = Math.random() < 0.5;
      const body = { measureId: randomUUID(), instrument, items, administeredOn: atSession ? member.session.date : latest, ...(atSession ? { sessionId: member.session.sessionId } : {}) };
      return { method: 'POST', path: `/api/v1/participants/${member.participantId}/measures`, body: JSON.stringify(body), token };
    }
    if (roll < 0.9) {
      const session = pick(recorded);
      const records = session.records.map((r) => ({ participantId: r.participantId, status: pick(STATUSES) }));
      return { method: 'PUT', path: `/api/v1/groups/${session.groupId}/sessions/${session.sessionId}/attendance`, body: JSON.stringify({ records }), token };
    }
    const [groupId, startsOn] = pick(groups);
    const body = { sessionId: randomUUID(), date: addDays(startsOn, Math.floor(Math.random() * 120)), durationMinutes: 90 };
    return { method: 'POST', path: `/api/v1/groups/${groupId}/sessions`, body: JSON.stringify(body), token };
  };
}

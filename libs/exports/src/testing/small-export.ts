import type { ExportSource, SourceMeasure } from '../source.js';
import type { SurrogateLookup } from '../tables.js';

const participant = (n: number, ageBand: string, gender: string) => ({ participantId: `part-${String(n).padStart(2, '0')}`, ageBand, gender, registeredOn: '2026-01-05' });
const id = (n: number) => `part-${String(n).padStart(2, '0')}`;
const measure = (n: number, measureId: string, administeredOn: string, total: number, band: string, caseness: boolean): SourceMeasure => ({
  participantId: id(n), measureId, instrument: 'PHQ-9', instrumentVersion: 1, groupId: 'group-1', administeredOn, total, metric: null, band, caseness, valid: true,
});

/**
 * A small program to check an export by hand: 12 participants, 10 with research consent in
 * force (part-11 revoked it, part-12 gave treatment consent only); part-10 is the only
 * nonbinary person, so at k = 3 no generalization saves that row and it is suppressed.
 */
export function smallSource(): ExportSource {
  const participants = [
    ...[1, 2, 3, 4, 5, 6].map((n) => participant(n, '30-39', 'female')),
    ...[7, 8, 9].map((n) => participant(n, '40-49', 'male')),
    participant(10, '90+', 'nonbinary'),
    participant(11, '30-39', 'female'),
    participant(12, '30-39', 'female'),
  ];
  const consents = [
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => ({ participantId: id(n), scope: 'research', status: 'granted', version: String(100 + n) })),
    { participantId: id(11), scope: 'research', status: 'revoked', version: '200' },
    { participantId: id(12), scope: 'tpo', status: 'granted', version: '201' },
  ];
  return {
    programId: 'program-1',
    part2: false,
    participants,
    consents,
    memberships: participants.map((p, i) => ({ participantId: p.participantId, groupId: i === 9 ? 'group-2' : 'group-1', joinedOn: i === 9 ? '2026-02-02' : '2026-01-05', leftOn: i === 8 ? '2026-02-16' : null, leaveReason: i === 8 ? 'dropped_out' : null })),
    sessions: [{ groupId: 'group-1', sessionId: 'session-1', date: '2026-01-12', durationMinutes: 90 }],
    attendance: [
      { participantId: id(1), groupId: 'group-1', sessionId: 'session-1', date: '2026-01-12', status: 'present' },
      { participantId: id(7), groupId: 'group-1', sessionId: 'session-1', date: '2026-01-12', status: 'absent' },
      { participantId: id(11), groupId: 'group-1', sessionId: 'session-1', date: '2026-01-12', status: 'present' },
    ],
    measures: [measure(1, 'm-2', '2026-02-02', 9, 'mild', false), measure(1, 'm-1', '2026-01-05', 15, 'moderately severe', true), measure(11, 'm-3', '2026-01-05', 20, 'severe', true)],
    milestones: [{ participantId: id(7), milestoneType: 'goal_achieved', achievedOn: '2026-01-20', value: null }],
  };
}

/** part-NN → SNN, group-N → CN: readable surrogates for the hand check. */
export const smallSurrogates: SurrogateLookup = { participant: (p) => `S${p.slice(5)}`, group: (g) => `C${g.slice(6)}` };

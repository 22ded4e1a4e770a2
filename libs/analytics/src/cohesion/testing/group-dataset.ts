import { EventLog } from './event-log.js';

/**
 * The hand-worked group of the cohesion and member int-specs (numbers worked out there).
 * Group g1, sessions weekly on Mondays s0 2025-12-29 … s4 2026-01-26:
 * - alice joined 2025-12-29, still enrolled;
 * - bob joined 2025-12-29, left 2026-01-19 dropped_out (not enrolled at s3, which is ON his leftOn);
 * - dave joined 2026-01-05 (s1 onwards); carol joined late 2026-01-12 (s2 onwards).
 * Plus: g-single (one member, one session), g-empty (no sessions, no members), and org-2 with
 * the SAME group and session ids and wildly different numbers, which must never show.
 */
export function groupDataset(): EventLog[] {
  const log = new EventLog('org-1', 'prog-1').program();
  log.group('g1').group('g-single').group('g-empty');
  log.join('g1', 'alice', '2025-12-29').join('g1', 'bob', '2025-12-29').join('g1', 'dave', '2026-01-05').join('g1', 'carol', '2026-01-12');
  log.session('g1', 's0', '2025-12-29').session('g1', 's1', '2026-01-05').session('g1', 's2', '2026-01-12');
  log.session('g1', 's3', '2026-01-19').session('g1', 's4', '2026-01-26');
  log.attendance('g1', 's0', '2025-12-29', { alice: 'present', bob: 'present' });
  log.attendance('g1', 's1', '2026-01-05', { alice: 'present', bob: 'absent', dave: 'absent' });
  log.attendance('g1', 's1', '2026-01-05', { dave: 'late' }, true); // correction: dave came late
  log.attendance('g1', 's2', '2026-01-12', { alice: 'excused', bob: 'present', carol: 'present', dave: 'absent' });
  log.attendance('g1', 's3', '2026-01-19', { alice: 'present', carol: 'late', bob: 'present' }); // bob already left; dave unrecorded
  // s4: no register taken yet
  log.leave('g1', 'bob', '2025-12-29', '2026-01-19', 'dropped_out');

  log.gsrs('gs-a0', 'alice', 's0', '2025-12-29', 38).gsrs('gs-b0', 'bob', 's0', '2025-12-29', 36);
  log.gsrs('gs-a1', 'alice', 's1', '2026-01-05', 36).gsrs('gs-b1', 'bob', 's1', '2026-01-05', 20).gsrs('gs-d1', 'dave', 's1', '2026-01-05', 34);
  log.gsrs('gs-a2', 'alice', 's2', '2026-01-12', 37).gsrs('gs-b2', 'bob', 's2', '2026-01-12', 10).void('gs-b2', 'bob');
  log.gsrs('gs-c2', 'carol', 's2', '2026-01-12', 35).gsrs('gs-d2', 'dave', 's2', '2026-01-12', null, false);
  const gcqs = (measureId: string, participantId: string, subscales: Record<string, number | null>) =>
    log.measure({ measureId, participantId, instrument: 'GCQ-S', administeredOn: '2026-01-12', sessionId: 's2', score: { total: null, subscales, valid: true } });
  gcqs('gc-a2', 'alice', { engagement: 4, avoidance: 2, conflict: 1 });
  gcqs('gc-c2', 'carol', { engagement: 3, avoidance: 1, conflict: null });
  // alice answered twice at s3: the later recording (33) wins although its id sorts first.
  log.measure({ measureId: 'gs-a3-z', participantId: 'alice', instrument: 'GSRS', administeredOn: '2026-01-19', sessionId: 's3', score: { total: 30, valid: true }, occurredAt: '2026-01-19T10:00:00Z' });
  log.measure({ measureId: 'gs-a3-a', participantId: 'alice', instrument: 'GSRS', administeredOn: '2026-01-19', sessionId: 's3', score: { total: 33, valid: true }, occurredAt: '2026-01-19T11:00:00Z' });
  log.gsrs('gs-c3', 'carol', 's3', '2026-01-19', 35).rescore('gs-c3', 'carol', 'GSRS', 2, { total: 25, valid: true });

  // Member-table extras: PHQ-9 (latest valid stands; a later voided and a later invalid do not), SWEMWBS metric.
  const phq9 = (measureId: string, administeredOn: string, total: number | null, valid: boolean) =>
    log.measure({ measureId, participantId: 'alice', instrument: 'PHQ-9', administeredOn, groupId: 'g1', score: total === null ? { total, valid } : { total, band: 'moderate', caseness: total >= 10, valid } });
  phq9('phq-a1', '2026-01-20', 12, true);
  phq9('phq-a2', '2026-01-22', 3, true);
  log.void('phq-a2', 'alice');
  phq9('phq-a3', '2026-01-23', null, false);
  log.measure({ measureId: 'sw-d1', participantId: 'dave', instrument: 'SWEMWBS', administeredOn: '2026-01-10', score: { total: 21, metric: 19.25, valid: true } });

  log.join('g-single', 'solo', '2026-01-06').session('g-single', 'ss1', '2026-01-06');
  log.attendance('g-single', 'ss1', '2026-01-06', { solo: 'present' }).gsrs('gs-solo', 'solo', 'ss1', '2026-01-06', 31.5);

  const other = new EventLog('org-2', 'prog-1').program().group('g1');
  other.join('g1', 'zed', '2025-12-01').join('g1', 'alice', '2025-12-01').session('g1', 's1', '2026-01-05');
  other.attendance('g1', 's1', '2026-01-05', { zed: 'absent', alice: 'absent' }).gsrs('gs-a1', 'alice', 's1', '2026-01-05', 0).gsrs('gs-z1', 'zed', 's1', '2026-01-05', 0);
  return [log, other];
}

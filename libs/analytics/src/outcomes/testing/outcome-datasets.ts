/** Test-only: the hand-worked datasets of outcomes.int-spec.ts; the expected numbers are worked out there. */
import { OutcomeLog } from './outcome-log.js';

const PHQ = 'PHQ-9';

/** prog-phq (org-1): groups Alpha (t1) and Beta (t-old, then t2 + t3). */
function phqProgram(log: OutcomeLog): void {
  const p = 'prog-phq';
  const a = 'g-alpha';
  const b = 'g-beta';
  log.program(p).group(p, a, 'Alpha', ['t1']).group(p, b, 'Beta', ['t-old']).facilitators(p, b, ['t2', 't3']);
  for (const who of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'pm']) log.join(p, a, who, '2026-01-05');
  for (const who of ['q1', 'q2', 'q3']) log.join(p, b, who, '2026-01-06');
  log.join(p, b, 'q4', '2026-01-13').leave(p, a, 'pm', '2026-01-05', '2026-01-19', 'transferred').join(p, b, 'pm', '2026-01-20');

  log
    .session(p, a, 's1', '2026-01-05', { present: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'pm'] })
    .session(p, a, 's2', '2026-01-12', { present: ['p1', 'p2', 'p4', 'p5', 'p7', 'p8', 'p9', 'p10'], late: ['p3', 'pm'], absent: ['p6'] })
    .session(p, a, 's3', '2026-01-19', { present: ['p1', 'p2', 'p3', 'p4', 'p5', 'p7', 'p8'], excused: ['p6'] })
    .session(p, a, 's5', '2026-02-02', { present: ['p1'] })
    .session(p, b, 'b1', '2026-01-06', { present: ['q1', 'q2', 'q3'] })
    .session(p, b, 'b2', '2026-01-13', { present: ['q1', 'q2', 'q3', 'q4'] })
    .session(p, b, 'b3', '2026-01-20', { present: ['q1', 'q2', 'q3', 'q4', 'pm'] })
    .session(p, b, 'b4', '2026-01-27', { present: ['q1', 'pm'], absent: ['q2'] });

  const inA = { groupId: a };
  const inB = { groupId: b };
  log
    .measure(p, 'p1', 'm-p1-1', PHQ, 20, '2026-01-05', inA)
    .measure(p, 'p1', 'm-p1-2', PHQ, 15, '2026-01-19', inA)
    .measure(p, 'p1', 'm-p1-3', PHQ, 8, '2026-02-02', inA) // on the leave day: still in the episode
    .leave(p, a, 'p1', '2026-01-05', '2026-02-02', 'completed')
    .measure(p, 'p2', 'm-p2-b', PHQ, 12, '2026-01-05', inA) // same day as the next: recorded first → baseline
    .measure(p, 'p2', 'm-p2-a', PHQ, 13, '2026-01-05', inA)
    .measure(p, 'p2', 'm-p2-3', PHQ, 19, '2026-01-26', inA)
    .measure(p, 'p3', 'm-p3-1', PHQ, 11, '2026-01-05', inA)
    .measure(p, 'p3', 'm-p3-2', PHQ, 8, '2026-01-19', inA)
    .measure(p, 'p4', 'm-p4-1', PHQ, 6, '2026-01-05', inA)
    .measure(p, 'p4', 'm-p4-2', PHQ, 2, '2026-01-26', inA)
    .measure(p, 'p5', 'm-p5-1', PHQ, 11, '2026-01-05', inA)
    .measure(p, 'p5', 'm-p5-2', PHQ, 4, '2026-01-26', inA)
    .measure(p, 'p6', 'm-p6-1', PHQ, 15, '2026-01-05', inA) // p6 attended one session only
    .measure(p, 'p6', 'm-p6-2', PHQ, 5, '2026-01-19', inA)
    .measure(p, 'p7', 'm-p7-1', PHQ, 25, '2026-01-05', inA)
    .void(p, 'p7', 'm-p7-1')
    .measure(p, 'p7', 'm-p7-2', PHQ, 16, '2026-01-12', inA)
    .measure(p, 'p7', 'm-p7-3', PHQ, 10, '2026-01-26', inA)
    .measure(p, 'p8', 'm-p8-1', PHQ, 27, '2026-01-05', { ...inA, valid: false })
    .measure(p, 'p8', 'm-p8-2', PHQ, 10, '2026-01-12', inA)
    .measure(p, 'p8', 'm-p8-3', PHQ, 10, '2026-01-26', inA)
    .measure(p, 'p9', 'm-p9-1', PHQ, null, '2026-01-05', { ...inA, valid: false }) // all invalid
    .measure(p, 'p9', 'm-p9-2', PHQ, null, '2026-01-19', { ...inA, valid: false })
    .measure(p, 'p10', 'm-p10-1', PHQ, 14, '2026-01-05', inA) // one measure only
    .measure(p, 'pm', 'm-pm-1', PHQ, 13, '2026-01-05', inA)
    .measure(p, 'pm', 'm-pm-2', PHQ, 12, '2026-01-12', inA)
    .measure(p, 'pm', 'm-pm-3', PHQ, 12, '2026-01-20', inB)
    .measure(p, 'pm', 'm-pm-4', PHQ, 3, '2026-01-27', inB)
    .measure(p, 'q1', 'm-q1-1', PHQ, 18, '2026-01-06', inB)
    .measure(p, 'q1', 'm-q1-2', PHQ, 9, '2026-01-27', inB)
    .leave(p, b, 'q1', '2026-01-06', '2026-01-27', 'dropped_out')
    .measure(p, 'q2', 'm-q2-1', PHQ, 10, '2026-01-06', inB)
    .measure(p, 'q2', 'm-q2-2', PHQ, 10, '2026-01-20', inB)
    .measure(p, 'q2', 'm-q2-gad', 'GAD-7', 2, '2026-01-27', inB) // another instrument
    .measure(p, 'q3', 'm-q3-1', PHQ, 14, '2026-01-06', inB)
    .rescore(p, 'q3', 'm-q3-1', PHQ, 15) // version 2 supersedes 14
    .measure(p, 'q3', 'm-q3-2', PHQ, 21, '2026-01-20', inB)
    .measure(p, 'q4', 'm-q4-0', PHQ, 22, '2026-01-06') // before q4 joined: not in the episode
    .measure(p, 'q4', 'm-q4-1', PHQ, 12, '2026-01-13', inB)
    .measure(p, 'q4', 'm-q4-2', PHQ, 5, '2026-01-20', inB);
}

/** org-2 uses the same program, group, participant and even measure ids: none of it may count. */
function otherOrg(log: OutcomeLog): void {
  const p = 'prog-phq';
  const a = 'g-alpha';
  const o = { org: 'org-2', groupId: a };
  const other = new OutcomeLog('org-2', 100_000);
  other.program(p).group(p, a, 'Alpha', ['t1']).join(p, a, 'p1', '2026-01-05').join(p, a, 'x1', '2026-01-05');
  other.session(p, a, 'o1', '2026-01-05', { present: ['p1', 'x1'] }).session(p, a, 'o2', '2026-01-12', { present: ['p1', 'x1'] });
  other.measure(p, 'p1', 'm-o-1', PHQ, 27, '2026-01-05', o).measure(p, 'p1', 'm-o-2', PHQ, 0, '2026-01-12', o);
  other.measure(p, 'x1', 'm-o-3', PHQ, 27, '2026-01-05', o).measure(p, 'x1', 'm-o-4', PHQ, 0, '2026-01-12', o);
  other.rescore(p, 'p1', 'm-p1-1', PHQ, 0); // org-1's measure id, rescored in org-2
  other.void(p, 'p2', 'm-p2-b'); // org-1's measure id, voided in org-2
  log.events.push(...other.events);
}

/** prog-window: W1 completes on 03-30; W2 has measures on 03-02 and 03-23 only. */
function windowProgram(log: OutcomeLog): void {
  const p = 'prog-window';
  const g = 'g-w';
  log.program(p).group(p, g, 'Window', ['t9']).join(p, g, 'w1', '2026-03-02').join(p, g, 'w2', '2026-03-02');
  log
    .session(p, g, 'w-1', '2026-03-02', { present: ['w1', 'w2'] })
    .session(p, g, 'w-2', '2026-03-09', { present: ['w1', 'w2'] })
    .session(p, g, 'w-3', '2026-03-16', { present: ['w1'] })
    .session(p, g, 'w-4', '2026-03-23', { present: ['w1'], absent: ['w2'] })
    .session(p, g, 'w-5', '2026-03-30', { present: ['w1'] });
  const inG = { groupId: g };
  log
    .measure(p, 'w1', 'm-w1-1', PHQ, 20, '2026-03-02', inG)
    .measure(p, 'w1', 'm-w1-2', PHQ, 15, '2026-03-09', inG)
    .measure(p, 'w1', 'm-w1-3', PHQ, 12, '2026-03-16', inG)
    .measure(p, 'w1', 'm-w1-4', PHQ, 6, '2026-03-30', inG)
    .leave(p, g, 'w1', '2026-03-02', '2026-03-30', 'completed')
    .measure(p, 'w2', 'm-w2-1', PHQ, 10, '2026-03-02', inG)
    .measure(p, 'w2', 'm-w2-2', PHQ, 4, '2026-03-23', inG);
}

/** prog-wb: SWEMWBS raw → metric (OUTCOMES.md table): 20→18.59, 24→21.54, 15→15.84, 19→17.98, 22→19.98, 26→23.21, 25→22.35, 21→19.25. */
function swemwbsProgram(log: OutcomeLog): void {
  const p = 'prog-wb';
  const g = 'g-wb';
  const people = ['s1', 's2', 's3', 's4'];
  log.program(p).group(p, g, 'Wellbeing', ['t5']);
  for (const who of people) log.join(p, g, who, '2026-04-06');
  log.session(p, g, 'x1', '2026-04-06', { present: people }).session(p, g, 'x2', '2026-04-13', { late: people });
  const pairs: [string, number, number, number, number][] = [
    ['s1', 20, 18.59, 24, 21.54],
    ['s2', 15, 15.84, 19, 17.98],
    ['s3', 22, 19.98, 26, 23.21],
    ['s4', 25, 22.35, 21, 19.25],
  ];
  for (const [who, raw1, metric1, raw2, metric2] of pairs) {
    log.measure(p, who, `m-${who}-1`, 'SWEMWBS', raw1, '2026-04-06', { groupId: g, metric: metric1 });
    log.measure(p, who, `m-${who}-2`, 'SWEMWBS', raw2, '2026-04-13', { groupId: g, metric: metric2 });
  }
}

/** prog-core: CORE-10 pairs 20→8, 25→15, 15→10, 12→20; prog-empty: a group without members. */
function coreAndEmptyPrograms(log: OutcomeLog): void {
  const p = 'prog-core';
  const g = 'g-core';
  const people = ['c1', 'c2', 'c3', 'c4'];
  log.program(p).group(p, g, 'Core', ['t6']);
  for (const who of people) log.join(p, g, who, '2026-05-04');
  log.session(p, g, 'y1', '2026-05-04', { present: people }).session(p, g, 'y2', '2026-05-11', { present: people });
  const pairs: [string, number, number][] = [
    ['c1', 20, 8],
    ['c2', 25, 15],
    ['c3', 15, 10],
    ['c4', 12, 20],
  ];
  for (const [who, pre, post] of pairs) {
    log.measure(p, who, `m-${who}-1`, 'CORE-10', pre, '2026-05-04', { groupId: g });
    log.measure(p, who, `m-${who}-2`, 'CORE-10', post, '2026-05-11', { groupId: g });
  }
  log.program('prog-empty').group('prog-empty', 'g-empty', 'Empty', ['t7']);
}

/** prog-dual: d1 sits in two groups at once; each measure names its group (D1 20→10, D2 15→14). */
function dualProgram(log: OutcomeLog): void {
  const p = 'prog-dual';
  log.program(p).group(p, 'g-d1', 'Dual one', ['t8']).group(p, 'g-d2', 'Dual two', ['t8']);
  log.join(p, 'g-d1', 'd1', '2026-04-01').join(p, 'g-d2', 'd1', '2026-04-01');
  log.session(p, 'g-d1', 'd1-1', '2026-04-01', { present: ['d1'] }).session(p, 'g-d1', 'd1-2', '2026-04-15', { present: ['d1'] });
  log.session(p, 'g-d2', 'd2-1', '2026-04-02', { present: ['d1'] }).session(p, 'g-d2', 'd2-2', '2026-04-16', { present: ['d1'] });
  log
    .measure(p, 'd1', 'm-d1-1', PHQ, 20, '2026-04-01', { groupId: 'g-d1' })
    .measure(p, 'd1', 'm-d1-2', PHQ, 15, '2026-04-02', { groupId: 'g-d2' })
    .measure(p, 'd1', 'm-d1-3', PHQ, 10, '2026-04-15', { groupId: 'g-d1' })
    .measure(p, 'd1', 'm-d1-4', PHQ, 14, '2026-04-16', { groupId: 'g-d2' });
}

export function outcomeDatasets() {
  const log = new OutcomeLog('org-1');
  phqProgram(log);
  windowProgram(log);
  swemwbsProgram(log);
  coreAndEmptyPrograms(log);
  dualProgram(log);
  otherOrg(log);
  return log.events;
}

import { lastDayOf, statusOf, type EligibleParticipant } from './cohort.js';
import { daysBetween, inWindow } from './dates.js';
import type { QuasiIdentifiers } from './quasi-identifiers.js';
import type { ExportQuery, ExportSource } from './source.js';
import { type Cell, col, sortedRows, type Table } from './table.js';

/** Random research ids already assigned (and stored) for every participant and group of the export. */
export interface SurrogateLookup {
  participant(participantId: string): string;
  group(groupId: string): string;
}

export interface Published {
  readonly person: EligibleParticipant;
  readonly qi: QuasiIdentifiers;
}

const pid = col('participant_id', 'string', 'Random research surrogate of the participant (stored, reused by later exports; not derived from anything about the person).');
const cluster = (nullable: boolean) => col('cluster_id', 'string', 'Random surrogate of the group (cluster for multilevel models).', nullable);
const dayNote = 'days since the participant joined the program';

/** The microdata files: one row per participant, membership episode, measure, attendance record and milestone. */
export function microdataTables(kept: readonly Published[], source: ExportSource, query: ExportQuery, ids: SurrogateLookup): Table[] {
  const byId = new Map(kept.map((k) => [k.person.participant.participantId, k]));
  const joinOf = (participantId: string) => byId.get(participantId)!.person.joinedOn;
  const duration = new Map(source.sessions.map((s) => [s.sessionId, s.durationMinutes]));
  const attendance = source.attendance.filter((a) => byId.has(a.participantId) && inWindow(a.date, query.from, query.to));
  const attended = (a: { status: string }) => a.status === 'present' || a.status === 'late';

  const attendanceOf = new Map<string, (typeof attendance)[number][]>();
  for (const a of attendance) {
    const list = attendanceOf.get(a.participantId);
    if (list) list.push(a);
    else attendanceOf.set(a.participantId, [a]);
  }
  const participants = sortedRows(
    kept.map(({ person, qi }) => {
      const mine = attendanceOf.get(person.participant.participantId) ?? [];
      const minutes = mine.filter(attended).reduce((sum, a) => sum + (duration.get(a.sessionId) ?? 0), 0);
      return [ids.participant(person.participant.participantId), qi.ageBand, qi.gender, qi.cohort, statusOf(person), lastDayOf(person), mine.length, mine.filter(attended).length, minutes];
    }),
  );
  const memberships = sortedRows(
    kept.flatMap(({ person }) =>
      person.episodes.map((e) => [ids.participant(e.participantId), ids.group(e.groupId), daysBetween(person.joinedOn, e.joinedOn), e.leftOn === null ? null : daysBetween(person.joinedOn, e.leftOn), e.leaveReason]),
    ),
  );
  const wanted = (instrument: string) => query.instruments.length === 0 || query.instruments.includes(instrument);
  const measures = sortedRows(
    source.measures
      .filter((m) => byId.has(m.participantId) && wanted(m.instrument) && inWindow(m.administeredOn, query.from, query.to))
      .map((m): Cell[] => [ids.participant(m.participantId), m.instrument, daysBetween(joinOf(m.participantId), m.administeredOn), m.instrumentVersion, m.groupId === null ? null : ids.group(m.groupId), m.total, m.metric, m.band, m.caseness, m.valid]),
  );
  const attendanceRows = sortedRows(attendance.map((a) => [ids.participant(a.participantId), daysBetween(joinOf(a.participantId), a.date), ids.group(a.groupId), a.status, duration.get(a.sessionId) ?? null]));
  const milestones = sortedRows(
    source.milestones
      .filter((m) => byId.has(m.participantId) && inWindow(m.achievedOn, query.from, query.to))
      .map((m) => [ids.participant(m.participantId), m.milestoneType, daysBetween(joinOf(m.participantId), m.achievedOn), m.value]),
  );
  return [
    {
      name: 'participants',
      kind: 'microdata',
      description: 'One row per participant with research consent in force who passed k-anonymity. Quasi-identifiers: age_band, gender, cohort (and the program, one per export).',
      columns: [
        pid,
        col('age_band', 'string', 'Age band at registration, generalized as the manifest level says (90+ is the top band; * = withheld).'),
        col('gender', 'string', 'female, male, nonbinary, other, unknown; or "another or unknown" when generalized.'),
        col('cohort', 'string', 'When the participant joined the program: YYYY-MM, YYYY-Qn, YYYY, or * (generalized for k-anonymity).'),
        col('status', 'string', 'ongoing, completed, dropped_out, transferred, other (last leave reason), or not_enrolled.'),
        col('last_day', 'int32', `Last leave, ${dayNote}; empty while ongoing.`, true),
        col('sessions_recorded', 'int32', 'Sessions with an attendance record for the participant in the window.'),
        col('sessions_attended', 'int32', 'Of those, present or late (dose).'),
        col('minutes_attended', 'int32', 'Sum of the scheduled durations of the sessions attended (dose).'),
      ],
      rows: participants,
    },
    {
      name: 'memberships',
      kind: 'microdata',
      description: 'Group membership episodes (a participant may move between groups).',
      columns: [pid, cluster(false), col('join_day', 'int32', `Joining this group, ${dayNote}.`), col('leave_day', 'int32', `Leaving it, ${dayNote}; empty while enrolled.`, true), col('leave_reason', 'string', 'completed, dropped_out, transferred, other.', true)],
      rows: memberships,
    },
    {
      name: 'measures',
      kind: 'microdata',
      description: 'Valid and invalid administrations of outcome measures (voided ones excluded), latest scoring.',
      columns: [
        pid,
        col('instrument', 'string', 'Instrument id (GET /api/v1/instruments).'),
        col('day', 'int32', `Administered, ${dayNote} (negative: before joining).`),
        col('instrument_version', 'int32', 'Definition version the score comes from.'),
        cluster(true),
        col('total', 'float64', 'Total score as the instrument reports it; empty when invalid or not a sum.', true),
        col('metric', 'float64', 'Metric score (SWEMWBS).', true),
        col('band', 'string', 'Severity band of the total.', true),
        col('caseness', 'boolean', 'On the clinical side of the caseness cutoff.', true),
        col('valid', 'boolean', 'Enough items answered to score.'),
      ],
      rows: measures,
    },
    {
      name: 'attendance',
      kind: 'microdata',
      description: 'Attendance records of group sessions.',
      columns: [pid, col('day', 'int32', `Session date, ${dayNote}.`), cluster(false), col('status', 'string', 'present, late, absent, excused.'), col('duration_minutes', 'int32', 'Scheduled session length.', true)],
      rows: attendanceRows,
    },
    {
      name: 'milestones',
      kind: 'microdata',
      description: 'Recovery milestones reached (coded type only; labels are free text and never exported).',
      columns: [pid, col('milestone', 'string', 'Milestone type (API.md enumeration).'), col('day', 'int32', `Reached, ${dayNote}.`), col('value', 'float64', 'Value recorded with it, if any.', true)],
      rows: milestones,
    },
  ];
}

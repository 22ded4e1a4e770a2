import type { ScheduleEvery } from '#libs/events';
import { addDays } from '../calendar.js';
import type { AlertCandidate } from '../decision.js';
import type { AlertSettings } from '../settings.js';
import type { Episode, ProgramInfo } from '../state.js';

const INTERVAL_DAYS: Record<Exclude<ScheduleEvery, 'session'>, number> = { week: 7, '4weeks': 28 };
const LABEL: Record<ScheduleEvery, string> = { session: 'every session', week: 'every week', '4weeks': 'every 4 weeks' };

/**
 * measure_overdue against the program schedule, evaluated with `today` (the program's
 * calendar date of the injected clock), once per (episode, instrument, due period):
 * - `week` / `4weeks`: due `interval` days after the latest valid score of the instrument
 *   in the episode (or after joining when there is none); overdue once today is past the
 *   due date + `graceDays`. The due date names the period, so a new score opens a new one.
 * - `session`: each session the member attended (present or late) needs a valid score of
 *   the instrument given for that session (its sessionId) or on its date; overdue once
 *   today is past the session date + `graceDays`.
 */
export function measureOverdue(episode: Episode, program: ProgramInfo, settings: AlertSettings, today: string): AlertCandidate[] {
  const rule = settings.measureOverdue;
  if (!rule.enabled) return [];
  return program.schedule.flatMap(({ instrument, every }): AlertCandidate[] => {
    const overdue = (period: string, message: string): AlertCandidate => ({
      key: `${episode.episodeId}:measure_overdue:${instrument}:${period}`,
      alertType: 'measure_overdue',
      severity: rule.severity,
      measureId: null,
      message: `${instrument} overdue (${LABEL[every]}): ${message}`,
    });

    if (every === 'session') {
      // date + grace < today ⇔ date < today − grace (ISO dates order as strings): one addDays, not one per session.
      const lastOverdueBefore = addDays(today, -rule.graceDays);
      const covered = episode.measures.coverageOf(instrument);
      return [...episode.attendance.entries()]
        .filter(([, session]) => session.attended && session.date < lastOverdueBefore)
        .filter(([sessionId, session]) => !covered.sessionIds.has(sessionId) && !covered.dates.has(session.date))
        .map(([sessionId, session]) => overdue(`session:${sessionId}`, `no valid score for the session of ${session.date}.`));
    }
    const latest = episode.measures.latestDateOf(instrument);
    const anchor = latest !== null && latest > episode.joinedOn ? latest : episode.joinedOn;
    const due = addDays(anchor, INTERVAL_DAYS[every]);
    if (addDays(due, rule.graceDays) >= today) return [];
    const since = latest === null ? `no valid score since joining on ${episode.joinedOn}` : `latest valid score ${latest}`;
    return [overdue(due, `due ${due}, ${since}.`)];
  });
}

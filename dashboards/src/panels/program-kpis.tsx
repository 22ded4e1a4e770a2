import { useGroups } from '../api/lookups.js';
import type { Outcomes, ProgramAttendance } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { Loaded, Panel } from '../ui/states.js';
import { count, decimal, percent, signed } from '../ui/format.js';
import { queryString, useFilters } from './filters-bar.js';

/**
 * Program KPIs. Rates come straight from GET /programs/{id}/outcomes (API.md: rates use n,
 * recovery rates use nCaseAtBaseline). Attendance from GET /programs/{id}/attendance: (present +
 * late) / enrolled over every session in scope, the definition of a session's attendanceRate
 * (OUTCOMES.md "Group cohesion"), in one request however many groups the program has.
 */
export function ProgramKpis() {
  const f = useFilters();
  const groupList = useGroups();
  const groups = (groupList.data?.items ?? []).filter((g) => g.programId === f.programId && (!f.groupId || g.groupId === f.groupId));
  const outcomes = useApi<Outcomes>(f.programId ? `/programs/${f.programId}/outcomes${queryString({ instrument: f.instrument, method: 'threshold', from: f.from, to: f.to, groupId: f.groupId, breakdownLimit: '0' })}` : null);
  const attendance = useApi<ProgramAttendance>(f.programId ? `/programs/${f.programId}/attendance${queryString({ from: f.from, to: f.to, groupId: f.groupId })}` : null);

  // A researcher gets null for small groups (small-cell rule): then no total is shown.
  const suppressed = groups.some((g) => g.activeMembers === null);
  const active = groups.reduce((sum, g) => sum + (g.activeMembers ?? 0), 0);
  return (
    <Panel title="Program at a glance" id="kpis">
      <dl className="kpis">
        <Kpi label="Active participants" value={suppressed ? 'hidden' : count(active)} note={suppressed ? 'small groups are not counted for researchers' : `in ${groups.length} group${groups.length === 1 ? '' : 's'}`} testId="active" />
        <Loaded state={attendance} what="attendance">
          {(a) => (
            <Kpi
              label="Attendance"
              value={percent(a.attendanceRate)}
              note={a.enrolled === null || a.present === null || a.late === null ? `${count(a.sessions)} sessions; small counts are hidden` : `${count(a.present + a.late)} of ${count(a.enrolled)} places, ${count(a.sessions)} sessions`}
              testId="attendance"
            />
          )}
        </Loaded>
        <Loaded state={outcomes} what={`${f.instrument} outcomes`}>
          {(o) => (
            <>
              <Kpi label={`Reliable improvement (${o.instrument})`} value={percent(o.rates?.reliableImprovement)} note={`${count(o.reliableImprovement as number)} of ${o.n} participants`} testId="reliable-improvement" />
              <Kpi label="Recovery" value={percent(o.rates?.recovery)} note={`${count(o.recovery as number)} of ${count(o.nCaseAtBaseline)} cases at baseline`} testId="recovery" />
              <Kpi label="Reliable recovery" value={percent(o.rates?.reliableRecovery)} note={`${count(o.reliableRecovery as number)} of ${count(o.nCaseAtBaseline)}`} testId="reliable-recovery" />
              <Kpi label="Mean change" value={signed(o.meanChange)} note={o.effectSize?.d != null ? `effect size d = ${decimal(o.effectSize.d, 2)}${o.effectSize.ci95 ? ` (95 % CI ${decimal(o.effectSize.ci95[0], 2)} to ${decimal(o.effectSize.ci95[1], 2)})` : ''}` : 'effect size not defined'} testId="mean-change" />
              <p className="kpi-footnote muted">
                {o.n} participants with two or more {o.instrument} measures and two attended sessions ({count(o.finished)} finished, {count(o.ongoing)} ongoing).{' '}
                {o.icc != null ? `ICC across groups ${decimal(o.icc, 2)}, design effect ${decimal(o.designEffect, 2)}.` : o.iccAbsentReason ? `No ICC: ${o.iccAbsentReason}` : ''}
              </p>
            </>
          )}
        </Loaded>
      </dl>
    </Panel>
  );
}

function Kpi({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="kpi" data-kpi={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value">{value}</span>
        {note ? <span className="kpi-note muted">{note}</span> : null}
      </dd>
    </div>
  );
}

import { useGroups } from '../api/lookups.js';
import type { Cohesion, Outcomes } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { Loaded, Panel } from '../ui/states.js';
import { count, decimal, percent, signed } from '../ui/format.js';
import { queryString, useFilters } from './filters-bar.js';

/**
 * Attendance is summed here from one request per group; beyond this many groups it is not asked
 * for (a program at 10 M events has ~4,700 groups: thousands of requests for one number, which the
 * api's rate limit would refuse). Until the api answers it per program, pick a group.
 */
const ATTENDANCE_MAX_GROUPS = 50;

/**
 * Program KPIs. Rates come straight from GET /programs/{id}/outcomes (API.md: rates use n,
 * recovery rates use nCaseAtBaseline). Attendance is summed over the sessions of GET
 * /groups/{id}/cohesion of each group in scope: (present + late) / enrolled, the same
 * definition as a session's attendanceRate (OUTCOMES.md "Group cohesion").
 */
export function ProgramKpis() {
  const f = useFilters();
  const groupList = useGroups();
  const groups = (groupList.data?.items ?? []).filter((g) => g.programId === f.programId && (!f.groupId || g.groupId === f.groupId));
  const outcomes = useApi<Outcomes>(f.programId ? `/programs/${f.programId}/outcomes${queryString({ instrument: f.instrument, method: 'threshold', from: f.from, to: f.to, groupId: f.groupId, breakdownLimit: '0' })}` : null);
  const tooMany = groups.length > ATTENDANCE_MAX_GROUPS;
  const cohesionOfGroups = useApi<Cohesion>(tooMany ? [] : groups.map((g) => `/groups/${g.groupId}/cohesion${queryString({ from: f.from, to: f.to })}`));
  // Until the groups are known, no attendance (not "0 of 0 places" over no groups).
  const cohesion = groupList.status === 'ready' ? cohesionOfGroups : groupList;

  // A researcher gets null for small groups (small-cell rule): then no total is shown.
  const suppressed = groups.some((g) => g.activeMembers === null);
  const active = groups.reduce((sum, g) => sum + (g.activeMembers ?? 0), 0);
  return (
    <Panel title="Program at a glance" id="kpis">
      <dl className="kpis">
        <Kpi label="Active participants" value={suppressed ? 'hidden' : count(active)} note={suppressed ? 'small groups are not counted for researchers' : `in ${groups.length} group${groups.length === 1 ? '' : 's'}`} testId="active" />
        {tooMany ? <Kpi label="Attendance" value="—" note={`not summed over ${groups.length} groups: pick a group`} testId="attendance" /> : <Loaded state={cohesion} what="attendance">
          {(all) => {
            const sessions = all.flatMap((c) => c.sessions);
            const enrolled = sessions.reduce((s, x) => s + x.enrolled, 0);
            const attended = sessions.reduce((s, x) => s + x.present + x.late, 0);
            return <Kpi label="Attendance" value={percent(enrolled ? attended / enrolled : null)} note={`${attended} of ${enrolled} places, ${sessions.length} sessions`} testId="attendance" />;
          }}
        </Loaded>}
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

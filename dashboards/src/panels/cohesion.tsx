import { Bar, CartesianGrid, ComposedChart, ErrorBar, Line, XAxis, YAxis } from 'recharts';
import { useParticipantNames } from '../api/lookups.js';
import type { Cohesion } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigLegend, ConfigTooltip } from '../charts/chart-frame.js';
import { count, day, decimal, humanize, percent } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { queryString, useFilters } from './filters-bar.js';

/** Attendance and climate of one group session by session (GET /groups/{id}/cohesion). */
export function CohesionPanel({ groupId }: { groupId: string }) {
  const f = useFilters();
  const state = useApi<Cohesion>(`/groups/${groupId}/cohesion${queryString({ from: f.from, to: f.to })}`);
  const name = useParticipantNames((state.data?.sessions ?? []).flatMap((s) => s.flags.map((flag) => flag.participantId)));
  return (
    <Panel title="Cohesion over sessions" id="cohesion">
      <Loaded state={state} what="cohesion">
        {({ sessions }) => {
          if (sessions.length === 0) return <Empty>No sessions in this period.</Empty>;
          const rows = sessions.map((s) => ({ ...s, label: day(s.date), gsrs: s.gsrs.mean, gsrsSd: s.gsrs.sd ?? 0, engagement: s.gcqs.engagement.mean, avoidance: s.gcqs.avoidance.mean, conflict: s.gcqs.conflict.mean }));
          const flags = sessions.flatMap((s) => s.flags);
          return (
            <>
              <div className="two-up">
                <ChartFrame caption="Members present, late, absent, excused and not recorded per session (bars, left axis) and the attendance rate (line, right axis).">
                  <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="label" />
                    <YAxis yAxisId="people" allowDecimals={false} />
                    <YAxis yAxisId="rate" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
                    <ConfigTooltip format={(v, key) => (key === 'attendanceRate' ? percent(v) : count(v))} />
                    <ConfigLegend />
                    {(['present', 'late', 'absent', 'excused', 'unrecorded'] as const).map((key) => (
                      <Bar key={key} yAxisId="people" dataKey={key} stackId="attendance" fill={chartConfig[key].color} isAnimationActive={false} />
                    ))}
                    <Line yAxisId="rate" dataKey="attendanceRate" stroke={chartConfig.attendanceRate.color} strokeWidth={2} isAnimationActive={false} />
                  </ComposedChart>
                </ChartFrame>
                <ChartFrame caption="Group alliance (GSRS mean with its standard deviation, 0–40) and group climate (GCQ-S subscale means, 0–6) per session.">
                  <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="label" />
                    <YAxis yAxisId="gsrs" domain={[0, 40]} ticks={[0, 10, 20, 30, 40]} allowDataOverflow />
                    <YAxis yAxisId="gcqs" orientation="right" domain={[0, 6]} ticks={[0, 2, 4, 6]} allowDataOverflow />
                    <ConfigTooltip format={(v) => decimal(v)} />
                    <ConfigLegend />
                    <Line yAxisId="gsrs" dataKey="gsrs" stroke={chartConfig.gsrs.color} strokeWidth={2} isAnimationActive={false} connectNulls>
                      <ErrorBar dataKey="gsrsSd" stroke={chartConfig.gsrs.color} width={4} />
                    </Line>
                    {(['engagement', 'avoidance', 'conflict'] as const).map((key) => (
                      <Line key={key} yAxisId="gcqs" dataKey={key} stroke={chartConfig[key].color} strokeDasharray="4 2" isAnimationActive={false} connectNulls />
                    ))}
                  </ComposedChart>
                </ChartFrame>
              </div>
              <table className="data" data-table="cohesion">
                <caption className="visually-hidden">Cohesion per session</caption>
                <thead><tr><th scope="col">Session</th><th scope="col">Enrolled</th><th scope="col">Present</th><th scope="col">Late</th><th scope="col">Absent</th><th scope="col">Excused</th><th scope="col">Not recorded</th><th scope="col">Attendance</th><th scope="col">GSRS mean (SD, n)</th></tr></thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.sessionId}>
                      <th scope="row">{day(s.date)}</th><td>{s.enrolled}</td><td>{s.present}</td><td>{s.late}</td><td>{s.absent}</td><td>{s.excused}</td><td>{s.unrecorded}</td>
                      <td data-cell="attendance-rate">{percent(s.attendanceRate)}</td>
                      <td>{decimal(s.gsrs.mean)} ({decimal(s.gsrs.sd)}, {s.gsrs.n})</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {flags.length ? (
                <details>
                  <summary>{flags.length} flag{flags.length === 1 ? '' : 's'} (disagreement, outliers, alliance drops)</summary>
                  <ul className="flags" aria-label="Flags by session">
                    {sessions.filter((s) => s.flags.length).map((s) => (
                      <li key={s.sessionId}>
                        <strong>{day(s.date)}</strong>:{' '}
                        {[...new Set(s.flags.map((flag) => flag.type))].map((type) => {
                          const people = s.flags.filter((flag) => flag.type === type && flag.participantId).map((flag) => name(flag.participantId!));
                          return `${humanize(type)}${people.length ? ` (${people.join(', ')})` : ''}`;
                        }).join('; ')}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}

import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis, ZAxis } from 'recharts';
import { useInstruments } from '../api/lookups.js';
import type { InstrumentLines, Timeline, TimelineMeasure } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { attendanceColors, chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigTooltip } from '../charts/chart-frame.js';
import { useQueryState } from '../routing/url.js';
import { day, decimal, humanize } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';

const time = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
const tickDate = (t: number) => day(new Date(t).toISOString());
const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };
/** The main chart's y axis is this wide; the attendance strip leaves the same room so dates line up. */
const Y_AXIS_WIDTH = 48;

/** The value change is judged on: SWEMWBS works on its metric score (OUTCOMES.md), others on the total. */
function changeValue(m: TimelineMeasure, def: Pick<InstrumentLines, 'reliableChange'> | undefined): number | null {
  return def?.reliableChange.units === 'metric' ? (m.score.metric ?? m.score.total) : m.score.total;
}

/**
 * One participant's scores over time with the instrument's caseness line and the band of
 * no reliable change around the baseline (first valid score), attendance marked below and
 * milestones as vertical lines (GET /participants/{id}/timeline, GET /instruments).
 */
export function TimelinePanel({ participantId, name }: { participantId: string; name: string }) {
  const state = useApi<Timeline>(`/participants/${participantId}/timeline`);
  const definitions = useInstruments().data?.items ?? [];
  const [query, setQuery] = useQueryState();
  return (
    <Panel title={`Timeline of ${name}`} id="timeline">
      <Loaded state={state} what="the timeline">
        {(t) => {
          const scored = t.measures.filter((m) => !m.voided && m.score.valid && m.score.total !== null);
          const instruments = [...new Set(scored.map((m) => m.instrument))];
          if (instruments.length === 0) return <Empty>No scored measures yet.</Empty>;
          const wanted = query.get('instrument');
          const instrument = wanted && instruments.includes(wanted) ? wanted : instruments[0]!;
          const def = t.instruments?.find((d) => d.id === instrument) ?? definitions.find((d) => d.id === instrument);
          const bands = definitions.find((d) => d.id === instrument)?.bands;
          const points = scored.filter((m) => m.instrument === instrument).sort((a, b) => a.administeredOn.localeCompare(b.administeredOn)).map((m) => ({ t: time(m.administeredOn), score: changeValue(m, def), band: m.score.band }));
          const baseline = points[0]?.score ?? null;
          const threshold = def?.reliableChange.threshold ?? null;
          const dates = [...points.map((p) => p.t), ...t.attendance.map((a) => time(a.date)), ...t.milestones.map((m) => time(m.achievedOn))];
          // A few days of room at each end so the first and last markers and milestone labels are not cut.
          const pad = Math.max(3 * 86_400_000, (Math.max(...dates) - Math.min(...dates)) * 0.04);
          const domain: [number, number] = [Math.min(...dates) - pad, Math.max(...dates) + pad];
          const maxScore = bands?.at(-1)?.max ?? Math.max(...points.map((p) => p.score ?? 0));
          const voided = t.measures.filter((m) => m.voided && m.instrument === instrument).length;
          return (
            <>
              <div className="field inline">
                <label htmlFor="timeline-instrument">Instrument</label>
                <select id="timeline-instrument" value={instrument} onChange={(e) => setQuery({ instrument: e.target.value })}>
                  {instruments.map((id) => <option key={id} value={id}>{id}</option>)}
                </select>
              </div>
              <ChartFrame caption={`${instrument} ${def?.reliableChange.units === 'metric' ? 'metric score' : 'score'} over time. ${def?.caseness ? `Red dashed line: caseness cutoff ${OPS[def.caseness.op]} ${def.caseness.value}. ` : ''}${threshold !== null && baseline !== null ? `Grey band: within ${threshold} points of the baseline ${decimal(baseline)}, i.e. no reliable change. ` : ''}Green vertical lines: milestones.`} height={280}>
                <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={tickDate} />
                  <YAxis domain={[0, maxScore]} width={Y_AXIS_WIDTH} />
                  <ConfigTooltip format={(v) => decimal(v)} />
                  {threshold !== null && baseline !== null ? <ReferenceArea y1={Math.max(0, baseline - threshold)} y2={Math.min(maxScore, baseline + threshold)} fill={chartConfig.reliableBand.color} fillOpacity={0.7} /> : null}
                  {def?.caseness ? <ReferenceLine y={def.caseness.value} stroke={chartConfig.caseness.color} strokeDasharray="6 3" label={{ value: `caseness ${OPS[def.caseness.op]} ${def.caseness.value}`, position: 'insideBottomLeft', fill: chartConfig.caseness.color, fontSize: 12 }} /> : null}
                  {t.milestones.map((m) => (
                    <ReferenceLine key={m.milestoneId} x={time(m.achievedOn)} stroke={chartConfig.milestone.color} label={{ value: m.label ?? humanize(m.type), position: time(m.achievedOn) > (domain[0] + domain[1]) / 2 ? 'insideTopRight' : 'insideTopLeft', fill: chartConfig.milestone.color, fontSize: 11 }} />
                  ))}
                  <Line dataKey="score" stroke={chartConfig.score.color} strokeWidth={2} isAnimationActive={false} />
                </ComposedChart>
              </ChartFrame>
              {t.attendance.length ? (
                <ChartFrame caption={<>Attendance at each session: {Object.entries(attendanceColors).map(([status, color]) => <span key={status} className="swatch-label"><span className="swatch" style={{ background: color }} />{humanize(status)}</span>)} (absent as a cross).</>} height={60}>
                  <ScatterChart margin={{ top: 4, right: 16, bottom: 4, left: Y_AXIS_WIDTH }}>
                    <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={tickDate} hide />
                    <YAxis dataKey="y" type="number" domain={[0, 2]} hide />
                    <ZAxis range={[60, 60]} />
                    {Object.entries(attendanceColors).map(([status, color]) => (
                      <Scatter key={status} name={status} data={t.attendance.filter((a) => a.status === status).map((a) => ({ t: time(a.date), y: 1 }))} fill={color} shape={status === 'absent' ? 'cross' : 'circle'} isAnimationActive={false} />
                    ))}
                  </ScatterChart>
                </ChartFrame>
              ) : null}
              {voided ? <p className="muted">{voided} voided {instrument} measure{voided === 1 ? ' is' : 's are'} left out.</p> : null}
              <div className="two-up">
                <table className="data" data-table="measures">
                  <caption>{instrument} measures</caption>
                  <thead><tr><th scope="col">Date</th><th scope="col">Score</th><th scope="col">Band</th></tr></thead>
                  <tbody>{points.map((p) => <tr key={p.t}><td>{tickDate(p.t)}</td><td data-cell="score">{decimal(p.score, Number.isInteger(p.score) ? 0 : 1)}</td><td>{p.band ?? '—'}</td></tr>)}</tbody>
                </table>
                <div>
                  <h3>Milestones</h3>
                  {t.milestones.length ? <ul data-list="milestones">{t.milestones.map((m) => <li key={m.milestoneId}>{day(m.achievedOn)}: {m.label ?? humanize(m.type)}</li>)}</ul> : <Empty>None recorded.</Empty>}
                  <h3>Attendance</h3>
                  <p data-value="attendance-summary">{t.attendance.filter((a) => a.status === 'present' || a.status === 'late').length} of {t.attendance.length} sessions attended</p>
                </div>
              </div>
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { staffLabel, useGroupNames } from '../api/lookups.js';
import type { OutcomeSlice, Outcomes } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigLegend, ConfigTooltip } from '../charts/chart-frame.js';
import { count, percent, signed } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { queryString, useFilters } from './filters-bar.js';

/**
 * Groups and therapists per page: a program can have thousands of each (~4 700 groups at 10 M
 * events, a 5 MB answer), more than a chart or a table can show; "Show more" asks for more.
 */
const PAGE = 25;

/** The same outcome rates by group and by therapist (`byGroup`, `byTherapist` of GET /programs/{id}/outcomes, a page of each). */
export function ComparisonPanel() {
  const f = useFilters();
  const groupName = useGroupNames();
  const filters = { instrument: f.instrument, method: 'threshold', from: f.from, to: f.to, groupId: f.groupId };
  const query = `${f.programId}${queryString(filters)}`;
  const [shown, setShown] = useState({ query: '', limit: PAGE });
  const limit = shown.query === query ? shown.limit : PAGE;
  const state = useApi<Outcomes>(f.programId ? `/programs/${f.programId}/outcomes${queryString({ ...filters, breakdownLimit: String(limit) })}` : null);
  const more = (total: number | undefined, shownCount: number) =>
    total !== undefined && total > shownCount ? (
      <p className="muted" data-value="breakdown-shown">
        Showing {shownCount} of {count(total)}.{' '}
        <button type="button" className="secondary" onClick={() => setShown({ query, limit: limit + PAGE })}>Show {Math.min(PAGE, total - shownCount)} more</button>
      </p>
    ) : null;
  return (
    <Panel title={`Comparison by group and therapist (${f.instrument})`} id="comparison">
      <Loaded state={state} what="the comparison">
        {(o) => (
          <div className="two-up">
            <div>
              <SliceChart title="By group" slices={(o.byGroup ?? []).map((s) => ({ ...s, label: s.name ?? groupName(s.groupId) }))} />
              {more(o.byGroupTotal, o.byGroup?.length ?? 0)}
            </div>
            <div>
              <SliceChart title="By therapist" slices={(o.byTherapist ?? []).map((s) => ({ ...s, label: staffLabel(s.therapistId, s.therapistName ?? s.name) }))} />
              {more(o.byTherapistTotal, o.byTherapist?.length ?? 0)}
            </div>
          </div>
        )}
      </Loaded>
    </Panel>
  );
}

function SliceChart({ title, slices }: { title: string; slices: (OutcomeSlice & { label: string })[] }) {
  if (slices.length === 0) return <div><h3>{title}</h3><Empty>Not enough measured participants to compare.</Empty></div>;
  const rows = slices.map((s) => ({ label: s.label, reliableImprovement: s.rates?.reliableImprovement ?? null, recovery: s.rates?.recovery ?? null }));
  const charted = rows.some((r) => r.reliableImprovement !== null || r.recovery !== null);
  return (
    <div>
      <h3>{title}</h3>
      {charted ? <ChartFrame caption={`${title}: share of participants with reliable improvement and share of cases who recovered.`} height={220}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
          <ConfigTooltip format={(v) => percent(v)} />
          <ConfigLegend />
          <Bar dataKey="reliableImprovement" fill={chartConfig.reliableImprovement.color} isAnimationActive={false} />
          <Bar dataKey="recovery" fill={chartConfig.recovery.color} isAnimationActive={false} />
        </BarChart>
      </ChartFrame> : <Empty>Rates are withheld where counts are small (fewer than 11 people).</Empty>}
      <table className="data" data-table={title === 'By group' ? 'by-group' : 'by-therapist'}>
        <thead><tr><th scope="col">{title === 'By group' ? 'Group' : 'Therapist'}</th><th scope="col">n</th><th scope="col">Reliable improvement</th><th scope="col">Recovery</th><th scope="col">Mean change</th></tr></thead>
        <tbody>
          {slices.map((s) => (
            <tr key={s.label}><th scope="row">{s.label}</th><td>{count(s.n)}</td><td>{percent(s.rates?.reliableImprovement)}</td><td>{percent(s.rates?.recovery)}</td><td>{signed(s.meanChange)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

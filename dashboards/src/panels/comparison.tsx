import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { useGroupNames } from '../api/lookups.js';
import type { OutcomeSlice, Outcomes } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigLegend, ConfigTooltip } from '../charts/chart-frame.js';
import { count, percent, signed } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { queryString, useFilters } from './filters-bar.js';

/** The same outcome rates by group and by therapist (`byGroup`, `byTherapist` of GET /programs/{id}/outcomes). */
export function ComparisonPanel() {
  const f = useFilters();
  const groupName = useGroupNames();
  const state = useApi<Outcomes>(f.programId ? `/programs/${f.programId}/outcomes${queryString({ instrument: f.instrument, method: 'threshold', from: f.from, to: f.to, groupId: f.groupId })}` : null);
  return (
    <Panel title={`Comparison by group and therapist (${f.instrument})`} id="comparison">
      <Loaded state={state} what="the comparison">
        {(o) => (
          <div className="two-up">
            <SliceChart title="By group" slices={(o.byGroup ?? []).map((s) => ({ ...s, label: s.name ?? groupName(s.groupId) }))} />
            <SliceChart title="By therapist" slices={(o.byTherapist ?? []).map((s) => ({ ...s, label: s.therapistName ?? s.name ?? s.therapistId ?? 'Unknown therapist' }))} />
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

import { Bar, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import type { Trends } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigLegend, ConfigTooltip } from '../charts/chart-frame.js';
import { count, day, decimal } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { queryString, useFilters } from './filters-bar.js';

/** `2026-09-01` → `Sep 2026` for months, `w/c 7 Sept 2026` for weeks (buckets start on their first day). */
function bucketLabel(bucket: string, kind: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return bucket;
  if (kind === 'week') return `w/c ${day(bucket)}`;
  const [y, m] = bucket.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Mean score per week or month with how many measures it rests on (GET /programs/{id}/trends). */
export function TrendsPanel() {
  const f = useFilters();
  const state = useApi<Trends>(f.programId ? `/programs/${f.programId}/trends${queryString({ instrument: f.instrument, bucket: f.bucket, from: f.from, to: f.to })}` : null);
  return (
    <Panel title={`Trend of ${f.instrument} by ${f.bucket}`} id="trends">
      <Loaded state={state} what="trends">
        {(t) =>
          t.items.length === 0 ? (
            <Empty>No {f.instrument} measures in this program yet.</Empty>
          ) : (
            <>
              <ChartFrame caption={`Mean ${f.instrument} score per ${f.bucket} (line, left axis) and the number of measures (bars, right axis)${f.groupId ? ', whole program: the api trends programs, not single groups' : ''}.`}>
                <ComposedChart data={t.items} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="bucket" tickFormatter={(b: string) => bucketLabel(b, f.bucket)} />
                  <YAxis yAxisId="score" />
                  <YAxis yAxisId="n" orientation="right" allowDecimals={false} />
                  <ConfigTooltip format={(v, key) => (key === 'mean' ? decimal(v) : count(v))} />
                  <ConfigLegend />
                  <Bar yAxisId="n" dataKey="n" fill={chartConfig.n.color} fillOpacity={0.6} isAnimationActive={false} />
                  <Line yAxisId="score" dataKey="mean" stroke={chartConfig.mean.color} strokeWidth={2} isAnimationActive={false} connectNulls />
                </ComposedChart>
              </ChartFrame>
              <details>
                <summary>Table of the trend</summary>
                <table className="data" data-table="trends">
                  <thead><tr><th scope="col">{f.bucket === 'week' ? 'Week' : 'Month'}</th><th scope="col">Mean</th><th scope="col">Measures</th><th scope="col">Milestones</th></tr></thead>
                  <tbody>
                    {t.items.map((b) => (
                      <tr key={b.bucket}><td>{bucketLabel(b.bucket, f.bucket)}</td><td>{decimal(b.mean)}</td><td>{count(b.n)}</td><td>{count(b.milestones)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
}

import { Area, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import type { Retention } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { chartConfig } from '../charts/chart-config.js';
import { ChartFrame, ConfigLegend, ConfigTooltip } from '../charts/chart-frame.js';
import { count, percent } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { queryString, useFilters } from './filters-bar.js';

/** Kaplan–Meier curve of staying in the program, with its Greenwood 95 % band (GET /programs/{id}/retention). */
export function DropoutCurve() {
  const f = useFilters();
  const state = useApi<Retention>(f.programId ? `/programs/${f.programId}/retention${queryString({ groupId: f.groupId, from: f.from, to: f.to })}` : null);
  return (
    <Panel title="Retention (dropout curve)" id="retention">
      <Loaded state={state} what="retention">
        {(r) =>
          r.points.length === 0 ? (
            <Empty>No one has joined a group in this selection yet.</Empty>
          ) : (
            <>
              <p className="lead" data-value="median-days">
                Median time to dropout: <strong>{r.medianDays === null ? 'not reached' : `${r.medianDays} days`}</strong>
              </p>
              <ChartFrame caption={`Share still attending by days since joining, ${r.points.length} time points; the shaded band is the 95 % confidence interval.`}>
                <ComposedChart data={r.points.map((p) => ({ day: p.day, survival: p.survival, survivalCi: p.ci95 }))} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" type="number" domain={[0, 'dataMax']} label={{ value: 'days since joining', position: 'insideBottom', offset: -6 }} />
                  <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
                  <ConfigTooltip format={(v) => percent(v)} />
                  <ConfigLegend top />
                  <Area dataKey="survivalCi" type="stepAfter" stroke="none" fill={chartConfig.survivalCi.color} fillOpacity={0.5} isAnimationActive={false} />
                  <Line dataKey="survival" type="stepAfter" stroke={chartConfig.survival.color} strokeWidth={2} dot={false} isAnimationActive={false} />
                </ComposedChart>
              </ChartFrame>
              <details>
                <summary>Table of the curve</summary>
                <table className="data">
                  <thead><tr><th scope="col">Day</th><th scope="col">At risk</th><th scope="col">Dropped out</th><th scope="col">Censored</th><th scope="col">Still attending</th><th scope="col">95 % CI</th></tr></thead>
                  <tbody>
                    {r.points.map((p) => (
                      <tr key={p.day}><td>{p.day}</td><td>{count(p.atRisk)}</td><td>{count(p.events)}</td><td>{count(p.censored)}</td><td>{percent(p.survival)}</td><td>{percent(p.ci95[0])} – {percent(p.ci95[1])}</td></tr>
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

import type { ReactElement, ReactNode } from 'react';
import { Legend, ResponsiveContainer, Tooltip } from 'recharts';
import { seriesLabel } from './chart-config.js';

/**
 * The frame every chart sits in: a figure with a caption that says in words what the chart
 * shows (screen readers read it; the chart itself is hidden from them), sized responsively.
 * Panels also render the same numbers as a table, which is the accessible reading.
 */
export function ChartFrame({ caption, height = 260, children }: { caption: ReactNode; height?: number; children: ReactElement }) {
  return (
    <figure className="chart">
      <div className="chart-canvas" aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}

/** Tooltip and legend that name series through the chart config. */
export function ConfigTooltip({ format }: { format?: (value: number, key: string) => ReactNode }) {
  return (
    <Tooltip
      formatter={(value, name) => {
        const key = String(name);
        const shown = typeof value === 'number' && format ? format(value, key) : Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? v.toFixed(2) : v)).join(' – ') : value;
        return [shown, seriesLabel(key)];
      }}
    />
  );
}

/** Legend text stays in the body colour (series colours are too light for text contrast); the swatch carries the colour. */
export function ConfigLegend({ top = false }: { top?: boolean }) {
  return <Legend verticalAlign={top ? 'top' : 'bottom'} itemSorter={null} formatter={(value) => <span className="legend-text">{seriesLabel(String(value))}</span>} />;
}

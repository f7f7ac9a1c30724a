// Money charts for the payment and budget pages: horizontal bars in groups (one group per provider
// or End Result), and columns per month. Every bar has its amount written beside it, and each
// chart has a legend, so nothing is told by colour alone. Colours are SVG attributes because the
// shared stylesheet knows only the journey's bars.

import { formatPence } from "../journey";

export interface Series {
  key: string;
  label: string;
  colour: string;
}

export const SERIES = {
  paid: { key: "paid", label: "Paid", colour: "#1d5c63" },
  recovered: { key: "recovered", label: "Recovered from receivables", colour: "#3f7d4a" },
  shortfall: { key: "shortfall", label: "Shortfall carried as a debt", colour: "#a32a2a" },
  envelope: { key: "envelope", label: "Envelope", colour: "#8c9a93" },
  committed: { key: "committed", label: "Committed", colour: "#b7791f" },
} satisfies Record<string, Series>;

export interface BarGroup {
  key: string;
  label: string;
  /** Pence per series key; series without a value are left out. */
  values: Record<string, number>;
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul class="plain-list money-legend" aria-hidden="true" style="display:flex;flex-wrap:wrap;gap:0.4rem 1.2rem;margin:0 0 0.6rem">
      {series.map((s) => (
        <li key={s.key} style="display:flex;align-items:center;gap:0.35rem;font-size:0.86rem">
          <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
            <rect width="14" height="14" rx="2" fill={s.colour} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Groups of horizontal bars on one scale (the largest amount in the chart fills the width). */
export function MoneyBars({ label, series, groups }: { label: string; series: Series[]; groups: BarGroup[] }) {
  const largest = Math.max(1, ...groups.flatMap((g) => series.map((s) => Math.max(0, g.values[s.key] ?? 0))));
  return (
    <figure class="money-chart" aria-label={label} style="margin:0">
      <Legend series={series} />
      {groups.map((group) => (
        <div class="money-group" key={group.key} data-group={group.key} style="margin:0 0 0.9rem">
          <p class="field-label" style="margin:0 0 0.2rem;font-weight:600">
            {group.label}
          </p>
          <dl class="chart-rows">
            {series
              .filter((s) => group.values[s.key] !== undefined)
              .map((s) => {
                const pence = group.values[s.key];
                const width = (Math.max(0, pence) / largest) * 100;
                return (
                  <div class="chart-row" key={s.key} data-series={s.key}>
                    <dt class="chart-label">{s.label}</dt>
                    <dd class="chart-value">
                      <svg class="bar-chart" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="bar-track" x="0" y="0" width="100" height="10" rx="1.5" />
                        {width > 0 && <rect x="0" y="0" width={Math.max(width, 0.5)} height="10" rx="1.5" fill={s.colour} />}
                      </svg>
                      <span class="figure money" data-pence={pence}>
                        {formatPence(pence)}
                      </span>
                    </dd>
                  </div>
                );
              })}
          </dl>
        </div>
      ))}
    </figure>
  );
}

export interface Column {
  key: string;
  label: string;
  values: Record<string, number>;
}

/** Columns side by side per period (months), on one scale; the amounts are in the table below it. */
export function MoneyColumns({ label, series, columns }: { label: string; series: Series[]; columns: Column[] }) {
  const largest = Math.max(1, ...columns.flatMap((c) => series.map((s) => Math.max(0, c.values[s.key] ?? 0))));
  const slot = 14 * series.length + 12;
  const width = Math.max(200, columns.length * slot + 10);
  const height = 130;
  const plot = 100;
  return (
    <figure class="money-columns" aria-label={label} style="margin:0">
      <Legend series={series} />
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} style="width:100%;max-height:16rem;display:block">
        <line x1="5" x2={width - 5} y1={plot + 5} y2={plot + 5} stroke="#b9c2bd" stroke-width="0.8" />
        {columns.map((column, i) => {
          const x0 = 10 + i * slot;
          return (
            <g key={column.key} data-column={column.key}>
              {series.map((s, j) => {
                const pence = Math.max(0, column.values[s.key] ?? 0);
                const h = (pence / largest) * plot;
                return (
                  <rect key={s.key} x={x0 + j * 14} y={plot + 5 - h} width="12" height={h} fill={s.colour}>
                    <title>
                      {column.label}, {s.label.toLowerCase()}: {formatPence(column.values[s.key] ?? 0)}
                    </title>
                  </rect>
                );
              })}
              <text x={x0 + (14 * series.length) / 2} y={plot + 18} text-anchor="middle" font-size="8" fill="#4a5a61">
                {column.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

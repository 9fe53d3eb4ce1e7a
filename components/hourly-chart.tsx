/**
 * Sign-ins per hour as small multiples: one bar row per outcome, each named in text with its total and
 * peak, so the chart reads without colour; the numbers are also in a table for screen readers.
 * Server-rendered SVG, no script.
 */

interface Series {
  key: string;
  label: string;
}

const WIDTH = 840;
const ROW = 56;
const LABEL = 150;

export function HourlyChart({ series, hours }: { series: readonly Series[]; hours: { hour: Date; counts: Record<string, number> }[] }) {
  const barWidth = (WIDTH - LABEL) / Math.max(1, hours.length);
  const first = hours[0]?.hour;
  const days = hours.filter((h) => h.hour.getUTCHours() === 0);
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-labelledby="hourly-chart-title"
        viewBox={`0 0 ${WIDTH} ${series.length * ROW + 24}`}
        className="w-full max-w-4xl rounded border border-slate-200 bg-white"
      >
        <title id="hourly-chart-title">Sign-ins per hour over the last 7 days, one row per outcome</title>
        {series.map((s, row) => {
          const values = hours.map((h) => h.counts[s.key] ?? 0);
          const peak = Math.max(0, ...values);
          const total = values.reduce((a, b) => a + b, 0);
          const top = row * ROW + 6;
          return (
            <g key={s.key} data-series={s.key}>
              <text x={4} y={top + 18} fontSize={13} fontWeight={600} fill="#0f172a">
                {s.label}
              </text>
              <text x={4} y={top + 36} fontSize={11} fill="#475569">
                {total} total, peak {peak}/h
              </text>
              <line x1={LABEL} x2={WIDTH} y1={top + ROW - 8} y2={top + ROW - 8} stroke="#cbd5e1" />
              {values.map((v, i) =>
                v > 0 ? (
                  <rect
                    key={hours[i]?.hour.toISOString()}
                    x={LABEL + i * barWidth}
                    width={Math.max(1, barWidth - 0.6)}
                    y={top + ROW - 8 - (v / Math.max(1, peak)) * (ROW - 16)}
                    height={(v / Math.max(1, peak)) * (ROW - 16)}
                    fill="#1e40af"
                  >
                    <title>{`${s.label}: ${v} at ${hours[i]?.hour.toISOString().slice(0, 13)}:00 UTC`}</title>
                  </rect>
                ) : null,
              )}
            </g>
          );
        })}
        {days.map((d) => {
          const x = LABEL + ((d.hour.getTime() - (first?.getTime() ?? 0)) / 3_600_000) * barWidth;
          return (
            <g key={d.hour.toISOString()}>
              <line x1={x} x2={x} y1={0} y2={series.length * ROW} stroke="#e2e8f0" strokeDasharray="2 3" />
              <text x={x + 2} y={series.length * ROW + 16} fontSize={10} fill="#475569">
                {d.hour.toISOString().slice(5, 10)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-600">Hours in UTC; each row is scaled to its own peak.</figcaption>
      <details className="text-sm">
        <summary>Show the numbers per day</summary>
        <table className="mt-2 border-collapse text-xs">
          <thead>
            <tr>
              <th className="p-1 text-left">Day (UTC)</th>
              {series.map((s) => (
                <th key={s.key} className="p-1 text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {perDay(hours, series).map((d) => (
              <tr key={d.day}>
                <td className="p-1">{d.day}</td>
                {series.map((s) => (
                  <td key={s.key} className="p-1 text-right">
                    {d.counts[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function perDay(hours: { hour: Date; counts: Record<string, number> }[], series: readonly Series[]) {
  const days = new Map<string, Record<string, number>>();
  for (const h of hours) {
    const day = h.hour.toISOString().slice(0, 10);
    const c = days.get(day) ?? Object.fromEntries(series.map((s) => [s.key, 0]));
    for (const s of series) c[s.key] = (c[s.key] ?? 0) + (h.counts[s.key] ?? 0);
    days.set(day, c);
  }
  return [...days].map(([day, counts]) => ({ day, counts }));
}

import { memo } from 'react';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Summary } from '../../query/types';
import { binLabel, COUNT_AXIS, timeAxis } from '../charts/axes';

const COLOURS = ['#2563eb', '#0f766e', '#9333ea', '#c2410c', '#64748b', '#be185d'];

/**
 * Lines per service over the log's time, stacked. A click on a service's legend shows its lines;
 * on a bar, that service's lines of that bin.
 */
export default memo(function LinesChart({
  lines,
  onService,
}: {
  lines: NonNullable<Summary['linesOverTime']>;
  onService: (service: string, from?: number, to?: number) => void;
}) {
  const names = Object.keys(lines.services);
  const length = names.length ? lines.services[names[0]].length : 0;
  const data = Array.from({ length }, (_, k) => {
    const point: Record<string, number> = { t: lines.from + k * lines.width };
    for (const n of names) point[n] = lines.services[n][k];
    return point;
  });
  return (
    <ResponsiveContainer width="100%" height={160}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={0}>
        <XAxis {...timeAxis(lines.width)} />
        <YAxis {...COUNT_AXIS} />
        <Tooltip isAnimationActive={false} labelFormatter={(t) => binLabel(Number(t), lines.width)} />
        <Legend
          wrapperStyle={{ fontSize: 11, cursor: 'pointer' }}
          onClick={(entry) => {
            if (typeof entry.dataKey === 'string') onService(entry.dataKey);
          }}
        />
        {names.map((n, i) => (
          <Bar
            key={n}
            dataKey={n}
            stackId="lines"
            fill={COLOURS[i % COLOURS.length]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_bar, index) => onService(n, data[index].t, data[index].t + lines.width)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
});

import { memo } from 'react';
import { Bar, BarChart, Brush, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeBins } from '../../query/time-bins';
import { updateFilter } from '../../state/explore-store';
import { formatCount } from '../format';
import { binLabel } from '../charts/bin-label';

/**
 * The matching lines over time, counted in the engine; dragging the brush's ends sets the time
 * range of the filter (the bins then fit the new range). Drawn again only for new bins: a chart
 * costs a frame or more, and the filter bar around it renders on every keystroke.
 */
export default memo(function Histogram({
  bins,
  label,
  unit,
}: {
  bins: TimeBins;
  label: string;
  unit: string;
}) {
  const data = bins.counts.map((count, k) => ({ t: bins.from + k * bins.width, count }));
  return (
    <div className="histogram" data-testid="histogram" aria-label={label}>
      <ResponsiveContainer width="100%" height={110}>
        <BarChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={0}>
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => binLabel(t, bins.width)}
            minTickGap={40}
            fontSize={11}
          />
          <YAxis
            width={48}
            fontSize={11}
            tickFormatter={(n: number) => formatCount(n)}
            allowDecimals={false}
          />
          <Tooltip
            labelFormatter={(t) => `${binLabel(Number(t), bins.width)} (+${formatCount(bins.width)} s)`}
            formatter={(n) => [formatCount(Number(n)), unit]}
            isAnimationActive={false}
          />
          <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
          <Brush
            dataKey="t"
            height={16}
            travellerWidth={8}
            tickFormatter={(t: number) => binLabel(t, bins.width)}
            onDragEnd={(range) => {
              const { startIndex, endIndex } = range as { startIndex?: number; endIndex?: number };
              if (startIndex === undefined || endIndex === undefined) return;
              updateFilter({
                from: bins.from + startIndex * bins.width,
                to: bins.from + (endIndex + 1) * bins.width,
              });
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});

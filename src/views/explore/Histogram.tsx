import { memo } from 'react';
import { Bar, BarChart, Brush, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeBins } from '../../query/time-bins';
import { updateFilter } from '../../state/explore-store';
import { formatCount } from '../format';
import { binLabel, COUNT_AXIS, timeAxis, timeBrush } from '../charts/axes';

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
          <XAxis {...timeAxis(bins.width)} />
          <YAxis {...COUNT_AXIS} />
          <Tooltip
            labelFormatter={(t) => `${binLabel(Number(t), bins.width)} (+${formatCount(bins.width)} s)`}
            formatter={(n) => [formatCount(Number(n)), unit]}
            isAnimationActive={false}
          />
          <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
          <Brush {...timeBrush(bins.from, bins.width, (from, to) => updateFilter({ from, to }))} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
});

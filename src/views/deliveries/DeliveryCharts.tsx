import { memo } from 'react';
import {
  Bar,
  BarChart,
  Brush,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { deliveryClass, describeReportCode, type DeliveryClass } from '../../model/report-codes';
import type { ReportFacets } from '../../query/view-query';
import { formatCount } from '../format';
import { binLabel, COUNT_AXIS, timeAxis, timeBrush } from '../charts/axes';

/** The colours of the classes; the table's badges use the same (DeliveriesView.css). */
const CLASS_COLOURS: Record<DeliveryClass, string> = {
  delivered: '#2f855a',
  temporary: '#c27803',
  failure: '#c0392b',
};

interface Props {
  deliveries: ReportFacets;
  byCodeCaption: string;
  overTimeCaption: string;
  /** Each class's name in the interface's language. */
  classNames: Record<string, string>;
  /** The codes the filter keeps (undefined: all). */
  codes: number[] | undefined;
  onCode: (code: number) => void;
  onRange: (from: number, to: number) => void;
}

/**
 * Results by code (one bar per code present, unknown codes too, coloured by class; a click keeps
 * that code) and results over time by class, with a brush that sets the time range.
 */
export default memo(function DeliveryCharts(props: Props) {
  const { deliveries, codes, onCode, onRange } = props;
  const byCode = deliveries.byCode.map(({ code, count }) => ({
    code,
    label: String(code),
    count,
    meaning: describeReportCode(code),
  }));
  const bins = deliveries.bins;
  const overTime = bins
    ? bins.delivered.map((delivered, k) => ({
        t: bins.from + k * bins.width,
        delivered,
        temporary: bins.temporary[k],
        failure: bins.failure[k],
      }))
    : [];
  const codeBar = (props: BarShapeProps) => {
    const code = byCode[props.index]?.code ?? 0;
    const dimmed = codes !== undefined && !codes.includes(code);
    // The whole column takes the click: a code with one entry is a bar a pixel high.
    const column = props.background ?? props;
    return (
      <g data-testid="code-bar" data-code={code} style={{ cursor: 'pointer' }} onClick={() => onCode(code)}>
        <title>{`${code}: ${describeReportCode(code).ja} / ${describeReportCode(code).en}`}</title>
        <rect
          x={column.x ?? 0}
          y={column.y ?? 0}
          width={column.width}
          height={column.height}
          fill="transparent"
        />
        <rect
          x={props.x}
          y={props.y}
          width={props.width}
          height={Math.max(props.height, 2)}
          fill={CLASS_COLOURS[deliveryClass(code)]}
          opacity={dimmed ? 0.3 : 1}
        />
      </g>
    );
  };
  return (
    <div className="delivery-charts">
      <figure className="delivery-charts__chart" aria-label={props.byCodeCaption}>
        <figcaption>{props.byCodeCaption}</figcaption>
        <ResponsiveContainer width="100%" height={150}>
          <BarChart data={byCode} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <XAxis dataKey="label" fontSize={11} interval={0} />
            <YAxis {...COUNT_AXIS} />
            <Tooltip
              isAnimationActive={false}
              // No hover band over the bars: it would sit between the pointer and the bar's click.
              cursor={false}
              formatter={(n, _name, item) => {
                const m = (item.payload as (typeof byCode)[number]).meaning;
                return [formatCount(Number(n)), `${m.ja} / ${m.en}`];
              }}
            />
            <Bar
              dataKey="count"
              isAnimationActive={false}
              background={{ fill: 'transparent' }}
              shape={codeBar}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      {bins && (
        <figure
          className="delivery-charts__chart delivery-charts__chart--wide"
          aria-label={props.overTimeCaption}
        >
          <figcaption>{props.overTimeCaption}</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={overTime} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={0}>
              <XAxis {...timeAxis(bins.width)} />
              <YAxis {...COUNT_AXIS} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(t) => binLabel(Number(t), bins.width)}
                formatter={(n, name) => [formatCount(Number(n)), String(name)]}
              />
              {(['delivered', 'temporary', 'failure'] as const).map((k) => (
                <Bar
                  key={k}
                  dataKey={k}
                  name={props.classNames[k]}
                  stackId="class"
                  fill={CLASS_COLOURS[k]}
                  isAnimationActive={false}
                />
              ))}
              <Brush {...timeBrush(bins.from, bins.width, onRange)} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
});

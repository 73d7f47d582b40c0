/**
 * A time series chart drawn with Recharts (decision 0017): one area per series, stacked or not,
 * days along the bottom. Only lazy-time-series-chart.tsx imports it, so the library stays in a
 * chunk of its own. Colours are the theme's CSS variables: the first series is the primary
 * colour, "the others" the muted one, and the rest a palette with a light and a dark shade
 * (declared on the wrapper below), so that the chart reads in both themes. Recharts'
 * accessibility layer makes the chart one tab stop whose tooltip the arrow keys move.
 */
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useDayFormat } from './days';
import { CHART_HEIGHT, type ChartSeries, type TimeSeriesChartProps } from './types';

/** Series colours after the primary one, each with its light and dark shade (4.5:1 or more). */
const PALETTE =
  '[--chart-1:var(--primary)] [--chart-2:#0f766e] [--chart-3:#b45309] [--chart-4:#7e22ce] [--chart-5:#be185d] ' +
  'dark:[--chart-2:#2dd4bf] dark:[--chart-3:#fbbf24] dark:[--chart-4:#c084fc] dark:[--chart-5:#f472b6]';
const COLOURS = 5;

function colourOf(series: ChartSeries, index: number): string {
  return series.muted === true ? 'var(--muted)' : `var(--chart-${String((index % COLOURS) + 1)})`;
}

const AXIS = { stroke: 'var(--border)', tick: { fill: 'var(--muted)', fontSize: 12 } };

export function TimeSeriesChart({
  title,
  summary,
  series,
  points,
  stacked,
  formatValue,
}: TimeSeriesChartProps) {
  const days = useDayFormat();
  // One day alone is a point, not an area: its dot shows it.
  const dot = points.length === 1 ? { r: 4 } : false;
  return (
    <div className={PALETTE}>
      <AreaChart
        responsive
        data={[...points]}
        title={title}
        desc={summary}
        style={{ width: '100%', height: CHART_HEIGHT }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tickFormatter={days.short} minTickGap={24} {...AXIS} />
        <YAxis tickFormatter={formatValue} width={72} {...AXIS} />
        <Tooltip
          formatter={(value) => formatValue(Number(value))}
          labelFormatter={(day) => (typeof day === 'string' ? days.long(day) : '')}
          contentStyle={{
            background: 'var(--card)',
            border: '1px solid var(--border)',
            borderRadius: 6,
            color: 'var(--fg)',
          }}
          labelStyle={{ color: 'var(--fg)', fontWeight: 600 }}
        />
        {series.length > 1 ? (
          <Legend formatter={(label) => <span style={{ color: 'var(--fg)' }}>{label}</span>} />
        ) : null}
        {series.map((line, index) => (
          <Area
            key={line.key}
            dataKey={line.key}
            name={line.label}
            type="monotone"
            {...(stacked ? { stackId: 'total' } : {})}
            stroke={colourOf(line, index)}
            fill={colourOf(line, index)}
            fillOpacity={0.2}
            strokeWidth={2}
            dot={dot}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </div>
  );
}

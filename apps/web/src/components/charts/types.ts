/**
 * What a time series chart draws: one point per day, each holding a value per series. The chart's
 * code loads lazily (lazy-time-series-chart.tsx); these types do not bring it along.
 */

/** One line (or one band of a stack) of the chart. */
export interface ChartSeries {
  /** The key of its values in each point. */
  key: string;
  label: string;
  /** Drawn in the theme's muted colour: "all the others" after the named series. */
  muted?: boolean;
}

/** One day: `day` is `YYYY-MM-DD`, every other key a series' value that day. */
export type ChartPoint = { day: string } & Record<string, number | string>;

export interface TimeSeriesChartProps {
  /** The chart's accessible name, and its table's caption. */
  title: string;
  /** What the chart shows, in words: its text alternative, read with it. */
  summary: string;
  series: readonly ChartSeries[];
  points: readonly ChartPoint[];
  /** The series stacked on one another (their sum is the total), or each on its own. */
  stacked: boolean;
  formatValue: (value: number) => string;
}

/** The chart's height in pixels: fixed, so that nothing moves when its code arrives. */
export const CHART_HEIGHT = 256;

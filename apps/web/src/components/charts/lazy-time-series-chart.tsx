/**
 * The time series chart, loaded lazily: its code (and the chart library's) is fetched once the
 * chart's place is in view, and a placeholder of the chart's fixed height holds that place until
 * it is drawn, so the page does not move. Where the chart cannot be laid out (no ResizeObserver:
 * a test's DOM) or its code fails to load, the placeholder stays: the text alternative beside the
 * chart (its summary and table) says what it would show.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { WhenNearViewport } from './near-viewport';
import { CHART_HEIGHT, type TimeSeriesChartProps } from './types';

const TimeSeriesChart = lazy(() =>
  import('./time-series-chart').then((module) => ({ default: module.TimeSeriesChart })),
);

const CAN_DRAW = typeof ResizeObserver !== 'undefined';

/** Keeps the placeholder when the chart's code could not be loaded. */
class ChartBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  const placeholder = (
    <div aria-hidden="true" className="rounded-md bg-hover/50" style={{ height: CHART_HEIGHT }} />
  );
  if (!CAN_DRAW) return placeholder;
  return (
    <WhenNearViewport placeholder={placeholder}>
      <ChartBoundary fallback={placeholder}>
        <Suspense fallback={placeholder}>
          <TimeSeriesChart {...props} />
        </Suspense>
      </ChartBoundary>
    </WhenNearViewport>
  );
}

/**
 * A time series with its text alternatives: the summary in words, the chart (loaded lazily), and
 * a button that shows the same numbers as a table, day by day.
 */
import { useId, useState } from 'react';
import { Button } from '../ui/button';
import { Table, Td, Th } from '../ui/table';
import { useDayFormat } from './days';
import { LazyTimeSeriesChart } from './lazy-time-series-chart';
import type { TimeSeriesChartProps } from './types';

export interface TimeSeriesFigureLabels {
  showTable: string;
  hideTable: string;
  /** The table's first column. */
  day: string;
}

export function TimeSeriesFigure({
  chart,
  labels,
}: {
  chart: TimeSeriesChartProps;
  labels: TimeSeriesFigureLabels;
}) {
  const [table, setTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-sm">{chart.summary}</figcaption>
      <LazyTimeSeriesChart {...chart} />
      <div>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={table}
          aria-controls={tableId}
          onClick={() => {
            setTable((shown) => !shown);
          }}
        >
          {table ? labels.hideTable : labels.showTable}
        </Button>
      </div>
      <div id={tableId} hidden={!table}>
        {table ? <ChartTable chart={chart} dayLabel={labels.day} /> : null}
      </div>
    </figure>
  );
}

function ChartTable({ chart, dayLabel }: { chart: TimeSeriesChartProps; dayLabel: string }) {
  const days = useDayFormat();
  return (
    <Table caption={chart.title}>
      <thead>
        <tr>
          <Th>{dayLabel}</Th>
          {chart.series.map((series) => (
            <Th key={series.key} className="text-right">
              {series.label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {chart.points.map((point) => (
          <tr key={point.day}>
            <Td>{days.long(point.day)}</Td>
            {chart.series.map((series) => (
              <Td key={series.key} className="text-right tabular-nums">
                {chart.formatValue(Number(point[series.key] ?? 0))}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

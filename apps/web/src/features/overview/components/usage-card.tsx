/**
 * Usage over time: the region's daily totals of tags, repositories or storage (the index records
 * them once a day, decision 0016) over the last 30, 90 or 365 days, as one total or stacked by
 * the largest organizations. A summary in words and a table carry the same numbers as the chart.
 * This card is its own chunk, loaded when it comes into view (overview-page.tsx).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDayFormat } from '../../../components/charts/days';
import { TimeSeriesFigure } from '../../../components/charts/time-series-figure';
import { trendOf } from '../../../components/charts/trend';
import type { ChartSeries, TimeSeriesChartProps } from '../../../components/charts/types';
import { QueryState } from '../../../components/ui/query-state';
import { RadioGroup } from '../../../components/ui/radio-group';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { usageQuery } from '../usage-api';
import {
  OTHERS_KEY,
  regionTotals,
  stackedByOrganization,
  TOTAL_KEY,
  USAGE_METRICS,
  USAGE_RANGES,
  type UsageMetric,
  type UsageRange,
} from '../usage';
import { OverviewCard } from './overview-card';

type UsageRows = Parameters<typeof regionTotals>[0];

export function UsageCard({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const [metric, setMetric] = useState<UsageMetric>('tags');
  const [days, setDays] = useState<UsageRange>(30);
  const [stacked, setStacked] = useState(false);
  const usage = useQuery(usageQuery(region, days));

  return (
    <OverviewCard title={t('usage.title')} description={t('usage.description', { region })}>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <RadioGroup
          legend={t('usage.metric')}
          inline
          value={metric}
          options={USAGE_METRICS.map((value) => ({ value, label: t(`usage.metrics.${value}`) }))}
          onChange={setMetric}
        />
        <RadioGroup
          legend={t('usage.period')}
          inline
          value={String(days)}
          options={USAGE_RANGES.map((value) => ({
            value: String(value),
            label: t('usage.days', { count: value }),
          }))}
          onChange={(value) => {
            setDays(Number(value) as UsageRange);
          }}
        />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            className="accent-primary"
            checked={stacked}
            onChange={(event) => {
              setStacked(event.target.checked);
            }}
          />
          {t('usage.byOrganization')}
        </label>
      </div>
      <QueryState
        query={usage}
        what={t('usage.failed')}
        loadingLabel={t('usage.loading')}
        keepData
        isEmpty={(data) => regionTotals(data.days, region, metric).length === 0}
        empty={
          <EmptyState title={t('usage.empty')}>
            <p>{t('usage.emptyDetail')}</p>
          </EmptyState>
        }
      >
        {(data) => (
          <UsageFigure rows={data.days} region={region} metric={metric} stacked={stacked} />
        )}
      </QueryState>
    </OverviewCard>
  );
}

function UsageFigure({
  rows,
  region,
  metric,
  stacked,
}: {
  rows: UsageRows;
  region: string;
  metric: UsageMetric;
  stacked: boolean;
}) {
  const { t } = useTranslation(['overview', 'common']);
  const chart = useUsageChart(rows, region, metric, stacked);
  return (
    <>
      {chart.points.length === 1 ? (
        <p role="note" className="mb-3 text-sm text-muted">
          {t('usage.oneDay')} {t('usage.emptyDetail')}
        </p>
      ) : null}
      <TimeSeriesFigure
        chart={chart}
        labels={{
          showTable: t('usage.showTable'),
          hideTable: t('usage.hideTable'),
          day: t('usage.day'),
        }}
      />
    </>
  );
}

/** The chart of `metric` in the region: its series, points, title and summary in words. */
function useUsageChart(
  rows: UsageRows,
  region: string,
  metric: UsageMetric,
  stacked: boolean,
): TimeSeriesChartProps {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const formatValue = (value: number) =>
    metric === 'size' ? format.bytes(value) : format.number(value);
  const metricLabel = t(`usage.metrics.${metric}`);
  const totals = regionTotals(rows, region, metric);
  const summary = useTrendSummary(totals, metricLabel, formatValue);
  const { series, points } = stacked
    ? stackedSeries(rows, region, metric, t('usage.others'))
    : {
        series: [{ key: TOTAL_KEY, label: metricLabel }],
        points: totals.map(({ day, value }) => ({ day, [TOTAL_KEY]: value })),
      };
  return {
    title: t('usage.chartTitle', { metric: metricLabel, region }),
    summary,
    series,
    points,
    stacked,
    formatValue,
  };
}

function stackedSeries(
  rows: UsageRows,
  region: string,
  metric: UsageMetric,
  othersLabel: string,
): Pick<TimeSeriesChartProps, 'series' | 'points'> {
  const stack = stackedByOrganization(rows, region, metric);
  const series: ChartSeries[] = stack.organizations.map(({ key, namespace }) => ({
    key,
    label: namespace,
  }));
  if (stack.others) series.push({ key: OTHERS_KEY, label: othersLabel, muted: true });
  return { series, points: stack.points };
}

/** "Tags grew from 1,234 to 1,456 in 30 days." */
function useTrendSummary(
  totals: readonly { day: string; value: number }[],
  metric: string,
  formatValue: (value: number) => string,
): string {
  const { t } = useTranslation(['overview', 'common']);
  const days = useDayFormat();
  const trend = trendOf(totals);
  if (trend === undefined) return '';
  if (trend.days === 0) {
    return t('usage.single', {
      metric,
      value: formatValue(trend.last),
      day: days.long(trend.lastDay),
    });
  }
  const key = { up: 'usage.grew', down: 'usage.fell', flat: 'usage.steady' }[trend.direction];
  return t(key, {
    metric,
    from: formatValue(trend.first),
    to: formatValue(trend.last),
    count: trend.days,
  });
}

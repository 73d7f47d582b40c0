/**
 * Usage over time: the daily totals of tags, repositories or storage (the index records them once
 * a day, decision 0016) over the last 30, 90 or 365 days, of a region (one total, or stacked by
 * its largest organizations) or of one organization in it. A summary in words and a table carry
 * the same numbers as the chart. This is the usage chunk, loaded when it comes into view
 * (usage-over-time.tsx), with its strings and its query.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDayFormat } from '../../../components/charts/days';
import { TimeSeriesFigure } from '../../../components/charts/time-series-figure';
import { trendOf } from '../../../components/charts/trend';
import type { ChartSeries, TimeSeriesChartProps } from '../../../components/charts/types';
import { QueryState } from '../../../components/ui/query-state';
import { RadioGroup } from '../../../components/ui/radio-group';
import { EmptyState } from '../../../components/ui/states';
import { cn } from '../../../lib/cn';
import { useFormat } from '../../../lib/format';
import { usageQuery } from '../api';
import {
  dailyTotals,
  OTHERS_KEY,
  stackedByOrganization,
  TOTAL_KEY,
  USAGE_METRICS,
  USAGE_RANGES,
  type UsageMetric,
  type UsageRange,
  type UsageRow,
  type UsageScope,
} from '../usage';

/**
 * A region's usage is a card of its own (on the Overview), with a switch that stacks it by
 * organization; an organization's fills its page's tab, its chart on a card.
 */
export function UsagePanel({ region, namespace }: UsageScope) {
  const { t } = useTranslation(['usage', 'common']);
  const headingId = useId();
  const [metric, setMetric] = useState<UsageMetric>('tags');
  const [days, setDays] = useState<UsageRange>(30);
  const [stacked, setStacked] = useState(false);
  const usage = useQuery(usageQuery(region, days));
  const scope: UsageScope = { region, namespace };
  const ofRegion = namespace === undefined;

  return (
    <section
      aria-labelledby={headingId}
      className={
        ofRegion
          ? 'flex min-w-0 flex-col rounded-lg border border-border bg-card p-4'
          : 'flex flex-col gap-4'
      }
    >
      <div className={ofRegion ? 'mb-3 min-w-0' : undefined}>
        <h2 id={headingId} className="font-semibold">
          {t('title')}
        </h2>
        <p className="mt-0.5 text-sm text-muted">
          {t('description', { name: namespace ?? region })}
        </p>
      </div>
      <div className={cn('flex flex-wrap items-end gap-4', ofRegion && 'mb-4')}>
        <RadioGroup
          legend={t('metric')}
          inline
          value={metric}
          options={USAGE_METRICS.map((value) => ({ value, label: t(`metrics.${value}`) }))}
          onChange={setMetric}
        />
        <RadioGroup
          legend={t('period')}
          inline
          value={String(days)}
          options={USAGE_RANGES.map((value) => ({
            value: String(value),
            label: t('days', { count: value }),
          }))}
          onChange={(value) => {
            setDays(Number(value) as UsageRange);
          }}
        />
        {ofRegion ? (
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              className="accent-primary"
              checked={stacked}
              onChange={(event) => {
                setStacked(event.target.checked);
              }}
            />
            {t('byOrganization')}
          </label>
        ) : null}
      </div>
      <QueryState
        query={usage}
        what={t('failed')}
        loadingLabel={t('loading')}
        keepData
        isEmpty={(data) => dailyTotals(data.days, scope, metric).length === 0}
        empty={
          <EmptyState title={t('empty')}>
            <p>{t('emptyDetail')}</p>
          </EmptyState>
        }
      >
        {(data) => (
          <div className={ofRegion ? undefined : 'rounded-lg border border-border bg-card p-4'}>
            <UsageFigure rows={data.days} scope={scope} metric={metric} stacked={stacked} />
          </div>
        )}
      </QueryState>
    </section>
  );
}

interface FigureProps {
  rows: readonly UsageRow[];
  scope: UsageScope;
  metric: UsageMetric;
  /** Stacked by organization: a region's usage only. */
  stacked: boolean;
}

function UsageFigure(props: FigureProps) {
  const { t } = useTranslation(['usage', 'common']);
  const chart = useUsageChart(props);
  return (
    <>
      {chart.points.length === 1 ? (
        <p role="note" className="mb-3 text-sm text-muted">
          {t('oneDay')} {t('emptyDetail')}
        </p>
      ) : null}
      <TimeSeriesFigure
        chart={chart}
        labels={{ showTable: t('showTable'), hideTable: t('hideTable'), day: t('day') }}
      />
    </>
  );
}

/** The chart of `metric` in the scope: its series, points, title and summary in words. */
function useUsageChart({ rows, scope, metric, stacked }: FigureProps): TimeSeriesChartProps {
  const { t } = useTranslation(['usage', 'common']);
  const format = useFormat();
  const formatValue = (value: number) =>
    metric === 'size' ? format.bytes(value) : format.number(value);
  const metricLabel = t(`metrics.${metric}`);
  const totals = dailyTotals(rows, scope, metric);
  const summary = useTrendSummary(totals, metricLabel, formatValue);
  const { series, points } = stacked
    ? stackedSeries(rows, scope.region, metric, t('others'))
    : {
        series: [{ key: TOTAL_KEY, label: metricLabel }],
        points: totals.map(({ day, value }) => ({ day, [TOTAL_KEY]: value })),
      };
  return {
    title: t('chartTitle', { metric: metricLabel, name: scope.namespace ?? scope.region }),
    summary,
    series,
    points,
    stacked,
    formatValue,
  };
}

function stackedSeries(
  rows: readonly UsageRow[],
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
  const { t } = useTranslation(['usage', 'common']);
  const days = useDayFormat();
  const trend = trendOf(totals);
  if (trend === undefined) return '';
  if (trend.days === 0) {
    return t('single', {
      metric,
      value: formatValue(trend.last),
      day: days.long(trend.lastDay),
    });
  }
  const key = ({ up: 'grew', down: 'fell', flat: 'steady' } as const)[trend.direction];
  return t(key, {
    metric,
    from: formatValue(trend.first),
    to: formatValue(trend.last),
    count: trend.days,
  });
}

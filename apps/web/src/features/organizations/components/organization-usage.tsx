/**
 * The organization's usage over time: its daily totals of tags, repositories or storage (the
 * index records them once a day, decision 0016) over the last 30, 90 or 365 days. A summary in
 * words and a table carry the same numbers as the chart, which loads lazily.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDayFormat } from '../../../components/charts/days';
import { TimeSeriesFigure } from '../../../components/charts/time-series-figure';
import { trendOf } from '../../../components/charts/trend';
import type { TimeSeriesChartProps } from '../../../components/charts/types';
import { QueryState } from '../../../components/ui/query-state';
import { RadioGroup } from '../../../components/ui/radio-group';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { usageQuery } from '../api';
import {
  organizationTotals,
  USAGE_METRICS,
  USAGE_RANGES,
  type UsageMetric,
  type UsageRange,
} from '../usage';

interface Where {
  region: string;
  namespace: string;
}

export function OrganizationUsage({ region, namespace }: Where) {
  const { t } = useTranslation(['organizations', 'common']);
  const [metric, setMetric] = useState<UsageMetric>('tags');
  const [days, setDays] = useState<UsageRange>(30);
  const usage = useQuery(usageQuery(region, days));

  return (
    <section aria-labelledby="organization-usage" className="flex flex-col gap-4">
      <div>
        <h2 id="organization-usage" className="font-semibold">
          {t('usage.title')}
        </h2>
        <p className="mt-0.5 text-sm text-muted">{t('usage.description', { name: namespace })}</p>
      </div>
      <div className="flex flex-wrap items-end gap-4">
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
      </div>
      <QueryState
        query={usage}
        what={t('usage.failed')}
        loadingLabel={t('usage.loading')}
        keepData
        isEmpty={(data) => organizationTotals(data.days, region, namespace, metric).length === 0}
        empty={
          <EmptyState title={t('usage.empty')}>
            <p>{t('usage.emptyDetail')}</p>
          </EmptyState>
        }
      >
        {(data) => (
          <UsageFigure
            totals={organizationTotals(data.days, region, namespace, metric)}
            namespace={namespace}
            metric={metric}
          />
        )}
      </QueryState>
    </section>
  );
}

function UsageFigure({
  totals,
  namespace,
  metric,
}: {
  totals: { day: string; value: number }[];
  namespace: string;
  metric: UsageMetric;
}) {
  const { t } = useTranslation(['organizations', 'common']);
  const chart = useUsageChart(totals, namespace, metric);
  return (
    <div className="rounded-lg border border-border bg-card p-4">
      {totals.length === 1 ? (
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
    </div>
  );
}

/** The chart of `metric` in the organization: one series, its title and summary in words. */
function useUsageChart(
  totals: { day: string; value: number }[],
  namespace: string,
  metric: UsageMetric,
): TimeSeriesChartProps {
  const { t } = useTranslation(['organizations', 'common']);
  const format = useFormat();
  const days = useDayFormat();
  const formatValue = (value: number) =>
    metric === 'size' ? format.bytes(value) : format.number(value);
  const label = t(`usage.metrics.${metric}`);
  const trend = trendOf(totals);
  let summary = '';
  if (trend !== undefined && trend.days === 0) {
    summary = t('usage.single', {
      metric: label,
      value: formatValue(trend.last),
      day: days.long(trend.lastDay),
    });
  } else if (trend !== undefined) {
    const key = { up: 'usage.grew', down: 'usage.fell', flat: 'usage.steady' }[trend.direction];
    summary = t(key, {
      metric: label,
      from: formatValue(trend.first),
      to: formatValue(trend.last),
      count: trend.days,
    });
  }
  return {
    title: t('usage.chartTitle', { metric: label, name: namespace }),
    summary,
    series: [{ key: 'value', label }],
    points: totals.map(({ day, value }) => ({ day, value })),
    stacked: false,
    formatValue,
  };
}

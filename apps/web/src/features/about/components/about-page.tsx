/**
 * About the console: its build, the health of each region (the BFF's readiness check) and the
 * SWR API versions each region offers.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Card, PageHeader } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { useMe } from '../../../lib/session';
import { apiVersionsQuery, readinessQuery } from '../api';
import { BUILD } from '../build-info';

const VERSION_TONES: Record<string, BadgeTone> = {
  CURRENT: 'success',
  SUPPORTED: 'info',
  DEPRECATED: 'warning',
};

function HealthBadge({ status }: { status: string }) {
  const { t } = useTranslation(['about']);
  return (
    <Badge tone={status === 'ok' ? 'success' : 'danger'}>
      {t(`health.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

function BuildCard() {
  const { t } = useTranslation(['about']);
  return (
    <Card title={t('build.title')}>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted">{t('build.version')}</dt>
        <dd className="font-mono">{BUILD.version ?? t('build.unknown')}</dd>
        <dt className="text-muted">{t('build.commit')}</dt>
        <dd className="font-mono">{BUILD.commit ?? t('build.unknown')}</dd>
      </dl>
    </Card>
  );
}

function HealthCard() {
  const { t } = useTranslation(['about', 'common']);
  const format = useFormat();
  const ready = useQuery(readinessQuery());
  return (
    <Card
      title={t('health.title')}
      actions={
        <Button
          size="sm"
          busy={ready.isFetching && !ready.isPending}
          onClick={() => void ready.refetch()}
        >
          {t('health.check')}
        </Button>
      }
    >
      <QueryState query={ready} what={t('health.failed')} keepData>
        {(health) => (
          <div className="flex flex-col gap-3">
            <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              <div className="flex items-center gap-2">
                <dt className="text-muted">{t('health.overall')}</dt>
                <dd>
                  <HealthBadge status={health.status} />
                </dd>
              </div>
              <div className="flex items-center gap-2">
                <dt className="text-muted">{t('health.database')}</dt>
                <dd>
                  <HealthBadge status={health.database} />
                </dd>
              </div>
              <div className="flex items-center gap-2">
                <dt className="text-muted">{t('health.checked')}</dt>
                <dd>
                  <RelativeTime iso={new Date(ready.dataUpdatedAt).toISOString()} />
                </dd>
              </div>
            </dl>
            <Table caption={t('health.caption')}>
              <thead>
                <tr>
                  <Th>{t('health.region')}</Th>
                  <Th>{t('health.status')}</Th>
                  <Th>{t('health.latency')}</Th>
                  <Th>{t('health.detail')}</Th>
                </tr>
              </thead>
              <tbody>
                {health.regions.map((region) => (
                  <tr key={region.id}>
                    <Td className="font-mono">{region.id}</Td>
                    <Td>
                      <HealthBadge status={region.status} />
                    </Td>
                    <Td>{t('health.ms', { value: format.number(region.latencyMs) })}</Td>
                    <Td className="text-muted">{region.detail ?? '—'}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </QueryState>
    </Card>
  );
}

function VersionsCard() {
  const { t } = useTranslation(['about', 'common']);
  const me = useMe();
  const regions = me.regions.map((region) => region.id);
  const versions = useQueries({ queries: regions.map((region) => apiVersionsQuery(region)) });
  return (
    <Card
      title={t('versions.title')}
      actions={
        <Button
          size="sm"
          busy={versions.some((query) => query.isFetching && !query.isPending)}
          onClick={() => {
            for (const query of versions) void query.refetch();
          }}
        >
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <div className="flex flex-col gap-4">
        {regions.map((region, index) => {
          const query = versions[index];
          if (query === undefined) return null;
          return (
            <section key={region} aria-label={t('versions.region', { region })}>
              <h3 className="mb-2 font-mono text-sm font-medium">{region}</h3>
              <QueryState query={query} what={t('versions.failed', { region })} keepData>
                {(data) =>
                  data.length === 0 ? (
                    <p className="text-sm text-muted">{t('versions.none')}</p>
                  ) : (
                    <Table caption={t('versions.caption', { region })}>
                      <thead>
                        <tr>
                          <Th>{t('versions.id')}</Th>
                          <Th>{t('versions.version')}</Th>
                          <Th>{t('versions.minVersion')}</Th>
                          <Th>{t('versions.status')}</Th>
                          <Th>{t('versions.updated')}</Th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.map((version) => (
                          <tr key={version.id}>
                            <Td className="font-mono">{version.id}</Td>
                            <Td className="font-mono">{version.version}</Td>
                            <Td className="font-mono">{version.min_version}</Td>
                            <Td>
                              <Badge tone={VERSION_TONES[version.status] ?? 'neutral'}>
                                {t(`versions.statuses.${version.status}`)}
                              </Badge>
                            </Td>
                            <Td>
                              <RelativeTime iso={version.updated} />
                            </Td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  )
                }
              </QueryState>
            </section>
          );
        })}
      </div>
    </Card>
  );
}

export function AboutPage() {
  const { t } = useTranslation(['about']);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-col gap-4">
        <BuildCard />
        <HealthCard />
        <VersionsCard />
      </div>
    </>
  );
}

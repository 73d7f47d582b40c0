/**
 * The region at a glance: how many organizations, repositories and tags it holds and how much
 * they store; below, the same counts for the user's other regions, one compact row each.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useMe } from '../../../lib/session';
import { inventoryQuery, organizationNamesQuery } from '../api';
import { inventoryTotals } from '../summaries';
import { OverviewCard } from './overview-card';

function Stat({
  label,
  value,
  link,
}: {
  label: string;
  /** The number; undefined while it loads, null when it could not be read. */
  value: string | null | undefined;
  link?: ReactNode;
}) {
  const { t } = useTranslation(['overview', 'common']);
  return (
    <div className="flex flex-col rounded-md border border-border px-4 py-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">
        {value === undefined ? (
          <>
            <span aria-hidden="true" className="block h-9 w-16 animate-pulse rounded bg-hover" />
            <span className="sr-only">{t('common:states.loading')}</span>
          </>
        ) : value === null ? (
          <span className="text-muted">
            <span aria-hidden="true">—</span>
            <span className="sr-only">{t('region.unavailable')}</span>
          </span>
        ) : (
          value
        )}
      </dd>
      {link === undefined ? null : <dd className="mt-1 text-sm">{link}</dd>}
    </div>
  );
}

export function RegionSummaryCard({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const me = useMe();
  const organizations = useQuery(organizationNamesQuery(region));
  const inventory = useQuery(inventoryQuery(region));
  const totals = inventory.data === undefined ? undefined : inventoryTotals(inventory.data);
  const inventoryValue = (pick: (value: NonNullable<typeof totals>) => string) =>
    inventory.isError ? null : totals === undefined ? undefined : pick(totals);
  const others = me.regions.filter((option) => option.id !== region);
  const linkClass = 'text-primary hover:underline';

  return (
    <OverviewCard
      title={t('region.title', { region })}
      description={t('region.description')}
      footer={
        others.length === 0 ? undefined : (
          <div>
            <h3 className="mb-2 text-sm font-medium text-muted">{t('region.others')}</h3>
            <ul className="flex flex-col gap-1.5">
              {others.map((other) => (
                <OtherRegionRow key={other.id} region={other.id} />
              ))}
            </ul>
          </div>
        )
      }
    >
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat
          label={t('region.organizations')}
          value={
            organizations.isError
              ? null
              : organizations.data === undefined
                ? undefined
                : format.number(organizations.data.length)
          }
          link={
            <Link className={linkClass} to={paths.organizations(region)}>
              {t('region.viewOrganizations')}
            </Link>
          }
        />
        <Stat
          label={t('region.repositories')}
          value={inventoryValue((value) => format.number(value.repositories))}
          link={
            <Link className={linkClass} to={paths.repositories(region)}>
              {t('region.viewRepositories')}
            </Link>
          }
        />
        <Stat
          label={t('region.tags')}
          value={inventoryValue((value) => format.number(value.tags))}
        />
        <Stat
          label={t('region.storage')}
          value={inventoryValue((value) => format.bytes(value.bytes))}
        />
      </dl>
      {inventory.data?.complete === false ? (
        <p className="mt-2 text-sm text-muted">
          {t('region.partial', { count: inventory.data.repositories.length })}
        </p>
      ) : null}
      {organizations.isError ? (
        <ErrorState
          error={organizations.error}
          what={t('region.organizationsFailed', { region })}
          onRetry={() => void organizations.refetch()}
        />
      ) : null}
      {inventory.isError ? (
        <ErrorState
          error={inventory.error}
          what={t('region.repositoriesFailed', { region })}
          onRetry={() => void inventory.refetch()}
        />
      ) : null}
    </OverviewCard>
  );
}

/** Another region in one line: its counts, or that they could not be read, with a retry. */
function OtherRegionRow({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const organizations = useQuery(organizationNamesQuery(region));
  const inventory = useQuery(inventoryQuery(region));
  const totals = inventory.data === undefined ? undefined : inventoryTotals(inventory.data);
  const failed = organizations.isError || inventory.isError;
  let summary: ReactNode;
  if (failed) {
    summary = (
      <span className="flex flex-wrap items-center gap-2">
        <span className="text-danger">{t('region.otherFailed')}</span>
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('region.retryRegion', { region })}
          onClick={() => {
            if (organizations.isError) void organizations.refetch();
            if (inventory.isError) void inventory.refetch();
          }}
        >
          {t('common:actions.retry')}
        </Button>
      </span>
    );
  } else if (organizations.data === undefined || totals === undefined) {
    summary = <span className="text-muted">{t('region.counting')}</span>;
  } else {
    summary = (
      <span className="text-muted">
        {t('region.compact', {
          organizations: t('region.organizationCount', {
            count: organizations.data.length,
            formatted: format.number(organizations.data.length),
          }),
          repositories: t('region.repositoryCount', {
            count: totals.repositories,
            formatted: format.number(totals.repositories),
          }),
          tags: t('region.tagCount', { count: totals.tags, formatted: format.number(totals.tags) }),
          storage: format.bytes(totals.bytes),
        })}
      </span>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <Link
        className="min-w-32 font-medium text-primary hover:underline"
        to={paths.overview(region)}
      >
        {region}
      </Link>
      {summary}
    </li>
  );
}

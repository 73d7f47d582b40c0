/**
 * The region at a glance: how many organizations, repositories and tags it holds and how much
 * they store, and how fresh the index they come from is; below, the same for the user's other
 * regions, one compact row each. All of it from the one read of the fleet index.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryLike } from '../../../components/ui/query-state';
import { QueryState } from '../../../components/ui/query-state';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useMe } from '../../../lib/session';
import { regionIndex, regionTotals, type Fleet, type RegionIndex } from '../summaries';
import { OverviewCard } from './overview-card';

function Stat({ label, value, link }: { label: string; value: string; link?: ReactNode }) {
  return (
    <div className="flex flex-col rounded-md border border-border px-4 py-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">{value}</dd>
      {link === undefined ? null : <dd className="mt-1 text-sm">{link}</dd>}
    </div>
  );
}

export function RegionSummaryCard({ region, fleet }: { region: string; fleet: QueryLike<Fleet> }) {
  const { t } = useTranslation(['overview', 'common']);
  const me = useMe();
  const others = me.regions.filter((option) => option.id !== region);
  const data = fleet.data;

  return (
    <OverviewCard
      title={t('region.title', { region })}
      description={t('region.description')}
      footer={
        others.length === 0 || data === undefined ? undefined : (
          <div>
            <h3 className="mb-2 text-sm font-medium text-muted">{t('region.others')}</h3>
            <ul className="flex flex-col gap-1.5">
              {others.map((other) => (
                <OtherRegionRow key={other.id} index={regionIndex(data, other.id)} />
              ))}
            </ul>
          </div>
        )
      }
    >
      <QueryState query={fleet} what={t('region.failed')} keepData>
        {(answer) => <RegionContent region={region} index={regionIndex(answer, region)} />}
      </QueryState>
    </OverviewCard>
  );
}

function RegionContent({ region, index }: { region: string; index: RegionIndex }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const { freshness } = index;
  if (freshness.status === 'never') {
    return (
      <div role="status">
        <EmptyState title={t('freshness.building', { region })}>
          {t('freshness.buildingDetail')}
        </EmptyState>
      </div>
    );
  }
  const totals = regionTotals(index);
  const linkClass = 'text-primary hover:underline';
  return (
    <div className="flex flex-col gap-3">
      <Freshness region={region} index={index} />
      {freshness.sweptAt === null ? null : (
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat
            label={t('region.organizations')}
            value={format.number(totals.organizations)}
            link={
              <Link className={linkClass} to={paths.organizations(region)}>
                {t('region.viewOrganizations')}
              </Link>
            }
          />
          <Stat
            label={t('region.repositories')}
            value={format.number(totals.repositories)}
            link={
              <Link className={linkClass} to={paths.repositories(region)}>
                {t('region.viewRepositories')}
              </Link>
            }
          />
          <Stat label={t('region.tags')} value={format.number(totals.tags)} />
          <Stat label={t('region.storage')} value={format.bytes(totals.bytes)} />
        </dl>
      )}
    </div>
  );
}

/**
 * How fresh the region's index is: when it was built, whether a sweep is under way, or that the
 * last sweep failed (with the console's reason) and which index is still shown.
 */
function Freshness({ region, index }: { region: string; index: RegionIndex }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const when = (iso: string) => format.relative(iso);
  const { sweptAt, sweeping, status, error } = index.freshness;
  const time = (iso: string, text: string) => (
    <time dateTime={iso} title={format.dateTime(iso)}>
      {text}
    </time>
  );
  if (status === 'failing') {
    return (
      <div
        role="note"
        className="flex flex-col gap-1 rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm"
      >
        <p className="font-medium">
          {sweptAt === null
            ? t('freshness.failingNever', { region })
            : t('freshness.failing', { region })}
        </p>
        {error === null ? null : <p className="break-words">{error}</p>}
        <p>
          {sweptAt === null
            ? t('freshness.retrying')
            : time(sweptAt, t('freshness.failingShown', { when: when(sweptAt) }))}
        </p>
      </div>
    );
  }
  return (
    <p className="flex flex-wrap gap-x-3 text-sm text-muted">
      {sweptAt === null ? null : time(sweptAt, t('freshness.indexed', { when: when(sweptAt) }))}
      {sweeping === null ? null : (
        <span role="status">
          {time(sweeping, t('freshness.sweeping', { when: when(sweeping) }))}
        </span>
      )}
    </p>
  );
}

/** Another region in one line: its counts and how fresh they are. */
function OtherRegionRow({ index }: { index: RegionIndex }) {
  const { t } = useTranslation(['overview', 'common']);
  const format = useFormat();
  const when = (iso: string) => format.relative(iso);
  const { id: region, status, sweptAt, sweeping, error } = index.freshness;
  let summary: ReactNode;
  if (status === 'never') {
    summary = <span className="text-muted">{t('region.otherBuilding')}</span>;
  } else if (sweptAt === null) {
    summary = (
      <span className="text-danger">{t('region.otherNotBuilt', { error: error ?? '' })}</span>
    );
  } else {
    const totals = regionTotals(index);
    const state =
      status === 'failing' ? (
        <span className="text-danger">
          {t('region.otherFailing', { when: when(sweptAt), error: error ?? '' })}
        </span>
      ) : (
        <span>
          {t('region.otherIndexed', { when: when(sweptAt) })}
          {sweeping === null ? null : ` · ${t('region.otherSweeping')}`}
        </span>
      );
    summary = (
      <span className="text-muted">
        {t('region.compact', {
          organizations: t('region.organizationCount', {
            count: totals.organizations,
            formatted: format.number(totals.organizations),
          }),
          repositories: t('region.repositoryCount', {
            count: totals.repositories,
            formatted: format.number(totals.repositories),
          }),
          tags: t('region.tagCount', { count: totals.tags, formatted: format.number(totals.tags) }),
          storage: format.bytes(totals.bytes),
        })}
        {' · '}
        {state}
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

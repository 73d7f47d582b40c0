/**
 * A repository: its summary on top, then one tab per area (tags, permissions, sharing, sync,
 * triggers, retention). Each tab is its own URL and its own chunk, loaded when opened.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../../app/not-found';
import { Badge } from '../../../components/ui/badge';
import { NavTabs } from '../../../components/ui/nav-tabs';
import { PageHeader } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths, REPOSITORY_TABS, repositoryParam, type RepositoryTab } from '../../../lib/paths';
import { repositoryQuery } from '../api';
import type { RepositoryTabProps } from './tab-props';

const TABS: Record<RepositoryTab, LazyExoticComponent<ComponentType<RepositoryTabProps>>> = {
  tags: lazy(() => import('../../tags/components/tags-tab').then((m) => ({ default: m.TagsTab }))),
  permissions: lazy(() =>
    import('../../permissions/components/repository-permissions-tab').then((m) => ({
      default: m.RepositoryPermissionsTab,
    })),
  ),
  sharing: lazy(() =>
    import('../../sharing/components/sharing-tab').then((m) => ({ default: m.SharingTab })),
  ),
  sync: lazy(() => import('../../sync/components/sync-tab').then((m) => ({ default: m.SyncTab }))),
  triggers: lazy(() =>
    import('../../triggers/components/triggers-tab').then((m) => ({ default: m.TriggersTab })),
  ),
  retention: lazy(() =>
    import('../../retention/components/retention-tab').then((m) => ({ default: m.RetentionTab })),
  ),
};

function isTab(value: string | undefined): value is RepositoryTab {
  return REPOSITORY_TABS.some((tab) => tab === value);
}

export function RepositoryPage() {
  const { t } = useTranslation(['repository', 'common']);
  const format = useFormat();
  const { region = '', namespace = '', repository: segment = '', tab } = useParams();
  const repository = repositoryParam(segment);
  const detail = useQuery(repositoryQuery(region, namespace, repository));
  if (!isTab(tab)) return <NotFoundPage />;
  const Tab = TABS[tab];
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mb-2 text-sm text-muted">
        <Link className="hover:underline" to={paths.repositories(region)}>
          {t('common:nav.repositories')}
        </Link>
        {' / '}
        <Link className="hover:underline" to={paths.organization(region, namespace)}>
          {namespace}
        </Link>
      </nav>
      {detail.isPending ? <LoadingState /> : null}
      {detail.isError ? (
        <ErrorState error={detail.error} what={t('failed')} onRetry={() => void detail.refetch()} />
      ) : null}
      {detail.data === undefined ? null : (
        <>
          <PageHeader
            title={`${namespace}/${repository}`}
            description={detail.data.description === '' ? undefined : detail.data.description}
          />
          <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            <div className="flex gap-2">
              <dt className="text-muted">{t('visibility')}</dt>
              <dd>
                <Badge tone={detail.data.is_public ? 'warning' : 'neutral'}>
                  {detail.data.is_public ? t('public') : t('private')}
                </Badge>
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-muted">{t('category')}</dt>
              <dd>
                {t(`categories.${detail.data.category}`, { defaultValue: detail.data.category })}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-muted">{t('tags')}</dt>
              <dd>{format.number(detail.data.num_images)}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-muted">{t('size')}</dt>
              <dd>{format.bytes(detail.data.size)}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-muted">{t('updated')}</dt>
              <dd>
                <RelativeTime iso={detail.data.updated} />
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-muted">{t('path')}</dt>
              <dd className="font-mono text-xs">{detail.data.path}</dd>
            </div>
          </dl>
          <NavTabs
            label={t('tabsLabel')}
            tabs={REPOSITORY_TABS.map((name) => ({
              to: paths.repository(region, namespace, repository, name),
              label: t(`tabs.${name}`),
            }))}
          />
          <Suspense fallback={<LoadingState />}>
            <Tab
              region={region}
              namespace={namespace}
              repository={repository}
              detail={detail.data}
            />
          </Suspense>
        </>
      )}
    </>
  );
}

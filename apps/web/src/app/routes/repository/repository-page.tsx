/**
 * A repository: its summary on top, then one tab per area (tags, permissions, sharing, sync,
 * triggers, retention). Each tab is its own URL and its own chunk, loaded when opened.
 *
 * Everything the tab needs starts together as the page first renders: the repository's details,
 * the tab's first data (the Tags tab: the page of tags the URL asks for), the tab's code and the
 * strings of the page and the tab. The Tags tab does not wait for the details (it shows its rows
 * as soon as they arrive); the other tabs do. Hovering or focusing a tab starts loading it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { NotFoundPage } from '../../not-found';
import { Badge } from '../../../components/ui/badge';
import { NavTabs } from '../../../components/ui/nav-tabs';
import { PageHeader } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { isFinalError } from '../../../lib/errors';
import { useFormat } from '../../../lib/format';
import { paths, REPOSITORY_TABS, repositoryParam, type RepositoryTab } from '../../../lib/paths';
import { repositoryQuery } from '../../../lib/swr-queries';
import { useIntent } from '../../../lib/intent';
import { prefetchRepositoryTab } from './prefetch';
import { useRepositoryPageStrings, useRepositoryTabCode } from './tab-code';

function isTab(value: string | undefined): value is RepositoryTab {
  return REPOSITORY_TABS.some((tab) => tab === value);
}

export function RepositoryPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { region = '', namespace = '', repository: segment = '', tab: param } = useParams();
  const { search } = useLocation();
  const repository = repositoryParam(segment);
  const tab = isTab(param) ? param : undefined;
  // Started during render, before anything here waits: only what is not loaded or loading yet.
  if (tab !== undefined) {
    prefetchRepositoryTab(queryClient, { region, namespace, repository, tab, search });
  }
  const strings = useRepositoryPageStrings();
  const tabCode = useRepositoryTabCode(tab);
  if (tab === undefined) return <NotFoundPage />;
  if (!strings.ready) {
    return strings.failure === undefined ? (
      <LoadingState />
    ) : (
      <ErrorState
        error={strings.failure.error}
        what={t('errors.unknown')}
        onRetry={strings.retry}
      />
    );
  }
  return (
    <RepositoryView region={region} namespace={namespace} repository={repository} tab={tabCode} />
  );
}

function RepositoryView({
  region,
  namespace,
  repository,
  tab,
}: {
  region: string;
  namespace: string;
  repository: string;
  tab: ReturnType<typeof useRepositoryTabCode>;
}) {
  const { t } = useTranslation(['repository', 'common']);
  const format = useFormat();
  const queryClient = useQueryClient();
  const intent = useIntent();
  const detail = useQuery(repositoryQuery({ region, namespace, repository }));
  const data = detail.data;
  const tabProps = { region, namespace, repository };
  const gone = detail.isError && isFinalError(detail.error);
  /** The tab's place: its error, loading, or the tab (the Tags tab before the details arrive). */
  const tabSlot = () => {
    if (detail.isError) return null;
    if (tab.failure !== undefined) {
      return (
        <ErrorState
          error={tab.failure.error}
          what={t('common:errors.unknown')}
          onRetry={tab.retry}
        />
      );
    }
    const code = tab.code;
    if (code === undefined) return <LoadingState />;
    if (code.early) return <code.Component {...tabProps} detail={data} />;
    return data === undefined ? null : <code.Component {...tabProps} detail={data} />;
  };
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
      <PageHeader
        title={`${namespace}/${repository}`}
        description={data === undefined || data.description === '' ? undefined : data.description}
      />
      {detail.isError ? (
        <ErrorState error={detail.error} what={t('failed')} onRetry={() => void detail.refetch()} />
      ) : null}
      {gone ? (
        <Link className="text-sm text-primary hover:underline" to={paths.repositories(region)}>
          {t('backToList')}
        </Link>
      ) : null}
      {detail.isError ? null : data === undefined ? (
        <div role="status" aria-live="polite" className="mb-4 flex h-6 items-center">
          <span className="sr-only">{t('common:states.loading')}</span>
          <div aria-hidden="true" className="h-4 w-full max-w-2xl animate-pulse rounded bg-hover" />
        </div>
      ) : (
        <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <div className="flex gap-2">
            <dt className="text-muted">{t('visibility')}</dt>
            <dd>
              <Badge tone={data.is_public ? 'warning' : 'neutral'}>
                {data.is_public ? t('public') : t('private')}
              </Badge>
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-muted">{t('category')}</dt>
            <dd>{t(`common:categories.${data.category}`, { defaultValue: data.category })}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-muted">{t('tags')}</dt>
            <dd>{format.number(data.num_images)}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-muted">{t('size')}</dt>
            <dd>{format.bytes(data.size)}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-muted">{t('updated')}</dt>
            <dd>
              <RelativeTime iso={data.updated} />
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-muted">{t('path')}</dt>
            <dd className="font-mono text-xs">{data.path}</dd>
          </div>
        </dl>
      )}
      {/* A repository that does not exist or may not be seen has no tabs to offer. */}
      {gone ? null : (
        <NavTabs
          label={t('tabsLabel')}
          tabs={REPOSITORY_TABS.map((name) => ({
            to: paths.repository(region, namespace, repository, name),
            label: t(`tabs.${name}`),
            events: intent(() => {
              prefetchRepositoryTab(
                queryClient,
                { region, namespace, repository, tab: name, search: '' },
                { whenStale: true },
              );
            }),
          }))}
        />
      )}
      {/* A tab suspends only to load the strings of another language. */}
      <Suspense fallback={<LoadingState />}>{tabSlot()}</Suspense>
    </>
  );
}

/**
 * An organization: its details on top, then its repositories, its IAM permissions and its usage
 * over time, each a tab whose choice is in the query string (`?tab=permissions`), so every view
 * can be linked. What the tabs show, and how a permission level is drawn, come from the route, which composes
 * the features that own them.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../../components/ui/query-state';
import { LinkTabs } from '../../../components/ui/link-tabs';
import { PageHeader } from '../../../components/ui/page-header';
import { isFinalError } from '../../../lib/errors';
import { paths } from '../../../lib/paths';
import type { ReactNode } from 'react';
import { organizationQuery } from '../api';
import { OrganizationDetails } from './organization-details';

const TABS = ['repositories', 'permissions', 'usage'] as const;
type OrganizationTab = (typeof TABS)[number];

export interface OrganizationPageParts {
  /** The organization's repositories. */
  repositories: (where: { region: string; namespace: string }) => ReactNode;
  /** The IAM permissions on the organization. */
  permissions: (where: { region: string; namespace: string }) => ReactNode;
  /** The organization's usage over time. */
  usage: (where: { region: string; namespace: string }) => ReactNode;
  /** A permission level (the console's own access to the organization). */
  level: (auth: number) => ReactNode;
}

export function OrganizationPage({
  repositories,
  permissions,
  usage,
  level,
}: OrganizationPageParts) {
  const { t } = useTranslation(['organizations', 'common']);
  const { region = '', namespace = '' } = useParams();
  const [search] = useSearchParams();
  const requested = search.get('tab');
  const tab: OrganizationTab = TABS.find((name) => name === requested) ?? 'repositories';
  const organization = useQuery(organizationQuery(region, namespace));
  const base = paths.organization(region, namespace);

  return (
    <>
      <nav aria-label={t('page.breadcrumb')} className="mb-2 text-sm text-muted">
        <Link className="hover:underline" to={paths.organizations(region)}>
          {t('common:nav.organizations')}
        </Link>
        {' / '}
        <span aria-current="page">{namespace}</span>
      </nav>
      <QueryState
        query={organization}
        what={t('page.failed', { name: namespace })}
        loadingLabel={t('page.loading')}
        keepData
        renderError={(errorState, error) => (
          <>
            <PageHeader title={namespace} />
            {errorState}
            {isFinalError(error) ? (
              <Link
                className="text-sm text-primary hover:underline"
                to={paths.organizations(region)}
              >
                {t('page.backToList')}
              </Link>
            ) : null}
          </>
        )}
      >
        {(data) => (
          <>
            <PageHeader title={data.name} description={t('page.description')} />
            <OrganizationDetails organization={data} level={level} />
            <LinkTabs
              label={t('page.tabsLabel')}
              tabs={TABS.map((name) => ({
                to: name === 'repositories' ? base : `${base}?tab=${name}`,
                label: t(`page.tabs.${name}`),
                current: name === tab,
              }))}
            />
            {tab === 'repositories' ? (
              <section aria-labelledby="organization-repositories">
                <h2 id="organization-repositories" className="sr-only">
                  {t('page.tabs.repositories')}
                </h2>
                {repositories({ region, namespace })}
              </section>
            ) : tab === 'usage' ? (
              usage({ region, namespace })
            ) : (
              permissions({ region, namespace })
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

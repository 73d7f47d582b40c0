/**
 * Who can reach a repository (in each region the index has it): every IAM user with a grant on it
 * or on its organization, their effective permission and why, redundant grants flagged; that a
 * public repository is readable by everyone; links to its Permissions tab and its organization.
 */
import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/states';
import { paths } from '../../../lib/paths';
import { RepositoryLink } from '../../../lib/repository-link';
import type { AccessLine } from '../grants';
import { AccessTable } from './access-table';

export function RepositoryAccess({
  name,
  repositories,
  lines,
}: {
  /** `namespace/name` */
  name: string;
  /** The repositories of that name, one per region. */
  repositories: readonly FleetRepository[];
  lines: readonly AccessLine[];
}) {
  const { t } = useTranslation(['access', 'common']);
  const headingId = useId();
  if (repositories.length === 0) {
    return <EmptyState title={t('pick.unknownRepository', { name })} />;
  }
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {name}
      </h2>
      <ul className="flex flex-col gap-1 text-sm">
        {repositories.map((repository) => (
          <RepositoryLinksLine key={repository.region} repository={repository} name={name} />
        ))}
      </ul>
      {repositories.some((repository) => repository.isPublic) ? (
        <p className="rounded-md border border-info/50 px-3 py-2 text-sm">
          {t('repository.public', { name })}
        </p>
      ) : null}
      {lines.length === 0 ? (
        <EmptyState title={t('repository.noGrant', { name })} />
      ) : (
        <AccessTable
          caption={t('repository.caption', { name })}
          lines={lines}
          withRegion={repositories.length > 1}
          subject={{ header: t('repository.user'), cell: (line) => line.userName }}
        />
      )}
    </section>
  );
}

function RepositoryLinksLine({ repository, name }: { repository: FleetRepository; name: string }) {
  const { t } = useTranslation('access');
  const { region, namespace } = repository;
  return (
    <li className="flex flex-wrap gap-x-4">
      <RepositoryLink
        className="text-primary hover:underline"
        region={region}
        namespace={namespace}
        repository={repository.name}
        tab="permissions"
      >
        {t('repository.permissionsLink', { name, region })}
      </RepositoryLink>
      <Link
        className="text-primary hover:underline"
        to={`${paths.organization(region, namespace)}?tab=permissions`}
      >
        {t('repository.organizationLink', { namespace, region })}
      </Link>
    </li>
  );
}

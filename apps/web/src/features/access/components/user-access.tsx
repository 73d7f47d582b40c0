/**
 * Everything an IAM user can reach, by organization: the organization grant (all its
 * repositories), each repository grant with the effective permission and why, redundant grants
 * flagged, and how many repositories they reach with each permission.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { RepositoryLink } from '../../../lib/repository-link';
import { reachLines, type AccessLine, type ReachGroup } from '../grants';
import { levelLabel } from '../texts';
import { AccessTable } from './access-table';

export function UserAccess({
  user,
  groups,
  publicCount,
}: {
  user: string;
  groups: readonly ReachGroup[];
  /** The public repositories of the index, which everyone can read. */
  publicCount: number;
}) {
  const { t } = useTranslation(['access', 'common']);
  const format = useFormat();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {user}
      </h2>
      {groups.length === 0 ? (
        <EmptyState title={t('pick.unknownUser', { name: user })} />
      ) : (
        groups.map((group) => <ReachSection key={group.key} user={user} group={group} />)
      )}
      {publicCount === 0 ? null : (
        <p className="text-sm text-muted">
          {t('user.public', { count: publicCount, shown: format.number(publicCount), user })}
        </p>
      )}
    </section>
  );
}

function ReachSection({ user, group }: { user: string; group: ReachGroup }) {
  const { t } = useTranslation(['access', 'common']);
  const format = useFormat();
  const headingId = useId();
  const { region, namespace } = group;
  const counts = group.counts
    .map((count) =>
      t('user.count', {
        level: levelLabel(count.auth, t),
        shown: format.number(count.repositories),
      }),
    )
    .join(' · ');
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h3 id={headingId} className="font-semibold">
          {t('user.groupLabel', { namespace, region })}
        </h3>
        <Link
          className="text-sm text-primary hover:underline"
          to={`${paths.organization(region, namespace)}?tab=permissions`}
        >
          {t('user.organizationLink', { namespace, region })}
        </Link>
      </div>
      <p className="text-sm text-muted">{t('user.counts', { counts })}</p>
      <AccessTable
        caption={t('user.caption', { user, namespace, region })}
        lines={reachLines([group])}
        subject={{
          header: t('user.target'),
          cell: (line) => <Target line={line} total={group.total} />,
        }}
      />
    </section>
  );
}

function Target({ line, total }: { line: AccessLine; total: number }) {
  const { t } = useTranslation('access');
  const format = useFormat();
  if (line.repository === undefined) {
    return <>{t('user.allRepositories', { count: total, shown: format.number(total) })}</>;
  }
  return (
    <RepositoryLink
      className="text-primary hover:underline"
      region={line.region}
      namespace={line.namespace}
      repository={line.repository.name}
      tab="permissions"
    >
      {line.repository.name}
    </RepositoryLink>
  );
}

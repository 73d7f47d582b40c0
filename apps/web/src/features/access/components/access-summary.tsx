/**
 * The regions' summary: how many IAM users have a permission, how many repository grants are
 * redundant, and those grants on demand, each with a way to its repository's Permissions tab
 * (where an admin removes it; others see it read-only, and are told why).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { useFormat } from '../../../lib/format';
import { RepositoryLink } from '../../../lib/repository-link';
import { usePermission } from '../../../lib/session';
import { repositoryRef, type RedundantGrant } from '../grants';
import { levelLabel, redundancyText } from '../texts';

export function AccessSummary({
  users,
  redundant,
}: {
  users: number;
  redundant: readonly RedundantGrant[];
}) {
  const { t } = useTranslation(['access', 'common']);
  const format = useFormat();
  const headingId = useId();
  const listId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-lg border border-border bg-card p-4"
    >
      <h2 id={headingId} className="font-semibold">
        {t('summary.label')}
      </h2>
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Figure label={t('summary.users')} value={format.number(users)} />
        <Figure label={t('summary.redundant')} value={format.number(redundant.length)} />
      </dl>
      {redundant.length === 0 ? (
        <p className="text-sm text-muted">{t('summary.none')}</p>
      ) : (
        <div>
          <Button
            size="sm"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => {
              setOpen(!open);
            }}
          >
            {open ? t('summary.hide') : t('summary.show')}
          </Button>
        </div>
      )}
      {open && redundant.length > 0 ? <RedundantList id={listId} redundant={redundant} /> : null}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function RedundantList({ id, redundant }: { id: string; redundant: readonly RedundantGrant[] }) {
  const { t } = useTranslation(['access', 'common']);
  const remove = usePermission('deleteUserRepositoryAuth');
  return (
    <div id={id} className="flex flex-col gap-2">
      {remove.allowed ? null : (
        <p className="text-sm text-muted">{t('summary.readOnly', { reason: remove.reason })}</p>
      )}
      <ul aria-label={t('summary.listLabel')} className="flex flex-col divide-y divide-border">
        {redundant.map((entry) => {
          const { repository } = entry;
          const name = repositoryRef(repository);
          return (
            <li key={entry.key} className="flex flex-col gap-0.5 py-2 text-sm">
              <span className="font-medium">
                {t('summary.item', {
                  user: entry.userName,
                  repository: name,
                  region: repository.region,
                  level: levelLabel(entry.auth, t),
                })}
              </span>
              <span className="text-muted">{redundancyText(entry.redundancy, t)}</span>
              <span>
                <RepositoryLink
                  className="text-primary hover:underline"
                  region={repository.region}
                  namespace={repository.namespace}
                  repository={repository.name}
                  tab="permissions"
                >
                  {remove.allowed
                    ? t('summary.clean', { user: entry.userName, repository: name })
                    : t('summary.view', { repository: name })}
                </RepositoryLink>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

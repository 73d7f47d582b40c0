/** An organization's facts: who created it, and the SWR access the console's IAM user has in it. */
import type { ShowNamespace } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { LevelBadge } from '../../permissions/components/permission-level';

export function OrganizationDetails({ organization }: { organization: ShowNamespace }) {
  const { t } = useTranslation('organizations');
  return (
    <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
      <div className="flex gap-2">
        <dt className="text-muted">{t('page.creator')}</dt>
        <dd>{organization.creator_name}</dd>
      </div>
      <div className="flex gap-2">
        <dt className="text-muted">{t('page.consoleAccess')}</dt>
        <dd>
          <LevelBadge auth={organization.auth} />
        </dd>
      </div>
    </dl>
  );
}

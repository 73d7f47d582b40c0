/** An organization's facts: who created it, and the SWR access the console's IAM user has in it. */
import type { ShowNamespace } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function OrganizationDetails({
  organization,
  level,
}: {
  organization: ShowNamespace;
  level: (auth: number) => ReactNode;
}) {
  const { t } = useTranslation('organizations');
  return (
    <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
      <div className="flex gap-2">
        <dt className="text-muted">{t('page.creator')}</dt>
        <dd>{organization.creator_name}</dd>
      </div>
      <div className="flex gap-2">
        <dt className="text-muted">{t('page.consoleAccess')}</dt>
        <dd>{level(organization.auth)}</dd>
      </div>
    </dl>
  );
}

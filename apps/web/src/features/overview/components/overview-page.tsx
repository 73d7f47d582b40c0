/**
 * The overview, where people land after signing in: the region's counts and storage, shares
 * ending soon, failed deploy triggers and the latest changes. Every card loads, fails and retries
 * on its own.
 */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { useMe } from '../../../lib/session';
import { useRefreshOverview } from '../api';
import { ExpiringSharesCard } from './expiring-shares-card';
import { RecentChangesCard } from './recent-changes-card';
import { RegionSummaryCard } from './region-summary-card';
import { StorageCard } from './storage-card';
import { TriggerFailuresCard } from './trigger-failures-card';

export function OverviewPage() {
  const { t } = useTranslation(['overview', 'common']);
  const { region = '' } = useParams();
  const me = useMe();
  const { refresh, refreshing } = useRefreshOverview(
    region,
    me.regions.map((option) => option.id),
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { region })}
        actions={
          <Button busy={refreshing} onClick={refresh}>
            {t('common:actions.refresh')}
          </Button>
        }
      />
      <div className="flex flex-col gap-4">
        <RegionSummaryCard region={region} />
        <div className="grid items-start gap-4 xl:grid-cols-2">
          <StorageCard region={region} />
          <ExpiringSharesCard region={region} />
          <TriggerFailuresCard region={region} />
          <RecentChangesCard region={region} />
        </div>
      </div>
    </>
  );
}

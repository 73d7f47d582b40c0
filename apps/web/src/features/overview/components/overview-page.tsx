/**
 * The overview, where people land after signing in: the region's counts and storage, shares
 * ending soon, failed deploy triggers and the latest changes. Everything but the changes comes
 * from one read of the BFF's fleet index (decision 0016), which says how fresh each region is;
 * the changes come from the audit trail, for admins. The usage over time at the bottom comes from
 * the route, which composes the feature that owns it.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { fleetQuery, useRefreshOverview } from '../api';
import { regionIndex } from '../summaries';
import { ExpiringSharesCard } from './expiring-shares-card';
import { RecentChangesCard } from './recent-changes-card';
import { RegionSummaryCard } from './region-summary-card';
import { StorageCard } from './storage-card';
import { TriggerFailuresCard } from './trigger-failures-card';

export interface OverviewPageParts {
  /** The region's usage over time, shown once the region's index is there. */
  usage: (region: string) => ReactNode;
}

export function OverviewPage({ usage }: OverviewPageParts) {
  const { t } = useTranslation(['overview', 'common']);
  const { region = '' } = useParams();
  const fleet = useQuery(fleetQuery());
  const { refresh, refreshing } = useRefreshOverview(region);
  const read = fleet.data === undefined ? undefined : regionIndex(fleet.data, region);
  // The region's cards show an index once a sweep of it has completed; until then the region
  // card says why there is nothing to show.
  const index =
    read !== undefined && read.freshness.status !== 'never' && read.freshness.sweptAt !== null
      ? read
      : undefined;

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
        <RegionSummaryCard region={region} fleet={fleet} />
        <div className="grid items-start gap-4 xl:grid-cols-2">
          {index === undefined ? null : (
            <>
              <StorageCard region={region} index={index} />
              <ExpiringSharesCard region={region} index={index} now={fleet.dataUpdatedAt} />
              <TriggerFailuresCard region={region} index={index} />
            </>
          )}
          <RecentChangesCard region={region} />
        </div>
        {index === undefined ? null : usage(region)}
      </div>
    </>
  );
}

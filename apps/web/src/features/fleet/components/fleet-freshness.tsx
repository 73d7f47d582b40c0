/**
 * How fresh each region's part of the index is, above the grid (components/index-freshness.tsx),
 * in the fleet's words.
 */
import type { FleetRegion } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { IndexFreshness, WHEN } from '../../../components/index-freshness';

export function FleetFreshness({
  regions,
  ownAccounts,
}: {
  regions: readonly FleetRegion[];
  ownAccounts: readonly string[];
}) {
  const { t } = useTranslation('fleet');
  const texts = {
    label: t('freshness.label'),
    indexed: t('freshness.indexed', { when: WHEN }),
    sweeping: t('freshness.sweeping'),
    failing: t('freshness.failing'),
    failingSince: t('freshness.failingSince', { when: WHEN }),
    failingNever: t('freshness.failingNever'),
    building: t('freshness.building'),
    buildingHint: t('freshness.buildingHint'),
    noOwnAccounts: t('freshness.noOwnAccounts'),
  };
  return <IndexFreshness regions={regions} ownAccounts={ownAccounts} texts={texts} />;
}

/**
 * The Overview, composed: the overview feature's page, with the usage feature's usage over time
 * of the region at its bottom (a chunk of its own, loaded when it comes into view).
 */
import { OverviewPage } from '../../features/overview/components/overview-page';
import { UsageOverTime } from '../../features/usage/components/usage-over-time';

export function Component() {
  return <OverviewPage usage={(region) => <UsageOverTime region={region} />} />;
}

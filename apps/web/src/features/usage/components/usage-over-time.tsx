/**
 * Usage over time where a page shows it (the route composes it in): a region's on the Overview,
 * an organization's on its page. What it draws and the chart library come in a chunk of their
 * own, with the usage strings, fetched once its place comes into view; a placeholder as tall as
 * what it holds keeps the place until then, so nothing moves.
 */
import { lazy, Suspense } from 'react';
import { WhenNearViewport } from '../../../components/charts/near-viewport';
import type { UsageScope } from '../usage';

const UsagePanel = lazy(() =>
  import('./usage-panel').then((module) => ({ default: module.UsagePanel })),
);

/** A region's usage (`namespace` not given), or one organization's in it. */
export function UsageOverTime({ region, namespace }: UsageScope) {
  // The Overview's card as it was; an organization's section about as tall as with its chart
  // (its e2e screenshot, 1280 px wide).
  const placeholder =
    namespace === undefined ? (
      <div className="h-[34rem] rounded-lg border border-border bg-card" />
    ) : (
      <div className="h-[32rem]" />
    );
  return (
    <WhenNearViewport placeholder={placeholder}>
      <Suspense fallback={placeholder}>
        <UsagePanel region={region} namespace={namespace} />
      </Suspense>
    </WhenNearViewport>
  );
}

/**
 * How fresh each region's part of the index is, above the table: indexed when, being updated,
 * failing (with why, and how old what is shown is), or never swept (the index is being built).
 */
import type { FleetRegion } from '@swr-dashboard/swr-client/browser';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';

/** Where a time goes in a translated sentence (a private-use character no translation holds). */
const WHEN = '\uE000';

/** A translated sentence with its `{{when}}` as a <time>. */
function withTime(text: string, iso: string): ReactNode {
  const [before, after = ''] = text.split(WHEN);
  return (
    <>
      {before}
      <RelativeTime iso={iso} />
      {after}
    </>
  );
}

export function Freshness({ regions }: { regions: readonly FleetRegion[] }) {
  const { t } = useTranslation('sync-health');
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="sr-only">
        {t('freshness.label')}
      </h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {regions.map((region) => (
          <li key={region.id} className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{region.id}:</span>
            <RegionState region={region} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RegionState({ region }: { region: FleetRegion }) {
  const { t } = useTranslation('sync-health');
  const sweeping =
    region.sweeping === null ? null : <Badge tone="info">{t('freshness.sweeping')}</Badge>;
  if (region.status === 'never') {
    return (
      <>
        <Badge tone="info">{t('freshness.building')}</Badge>
        <span className="text-muted">{t('freshness.buildingHint')}</span>
      </>
    );
  }
  const since =
    region.sweptAt === null
      ? t('freshness.failingNever')
      : withTime(
          t(region.status === 'failing' ? 'freshness.failingSince' : 'freshness.indexed', {
            when: WHEN,
          }),
          region.sweptAt,
        );
  return (
    <>
      {region.status === 'failing' ? (
        <>
          <Badge tone="danger">{t('freshness.failing')}</Badge>
          <span>{region.error ?? ''}</span>
        </>
      ) : null}
      <span className={region.status === 'failing' ? 'text-muted' : undefined}>{since}</span>
      {sweeping}
    </>
  );
}

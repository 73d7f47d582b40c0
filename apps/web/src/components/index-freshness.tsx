/**
 * How fresh each region's part of the fleet index is, for the views built on it: indexed when,
 * being updated, failing (with why, and how old what is shown is), or never swept (the index is
 * being built). The texts are the view's own, already translated; `{{when}}` in a sentence is
 * given as {@link WHEN} and shown as a <time>.
 */
import type { FleetRegion } from '@swr-dashboard/swr-client/browser';
import { useId, type ReactNode } from 'react';
import { Badge } from './ui/badge';
import { RelativeTime } from './ui/relative-time';

/** Where a time goes in a translated sentence (a private-use character no translation holds). */
export const WHEN = '\uE000';

export interface FreshnessTexts {
  /** The section's name. */
  label: string;
  /** "indexed {{when}}", with `when` given as {@link WHEN}. */
  indexed: string;
  sweeping: string;
  failing: string;
  /** "showing the index of {{when}}", with `when` given as {@link WHEN}. */
  failingSince: string;
  failingNever: string;
  building: string;
  buildingHint: string;
  /**
   * Said under the regions when the company names no account of its own; not said when not given
   * (or empty), in a view where it makes no difference.
   */
  noOwnAccounts?: string | undefined;
}

/** What `t` needs to be for {@link freshnessTexts}: a view's, with its namespace first. */
type ViewT = (key: string, options?: { when: string }) => string;

/**
 * A view's texts from its `freshness.*` strings (`{{when}}` given as {@link WHEN}), with the
 * note on the company's own accounts where the view says one.
 */
export function freshnessTexts(t: ViewT, { noOwnAccounts }: { noOwnAccounts: boolean }) {
  const texts: FreshnessTexts = {
    label: t('freshness.label'),
    indexed: t('freshness.indexed', { when: WHEN }),
    sweeping: t('freshness.sweeping'),
    failing: t('freshness.failing'),
    failingSince: t('freshness.failingSince', { when: WHEN }),
    failingNever: t('freshness.failingNever'),
    building: t('freshness.building'),
    buildingHint: t('freshness.buildingHint'),
  };
  return noOwnAccounts ? { ...texts, noOwnAccounts: t('freshness.noOwnAccounts') } : texts;
}

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

export function IndexFreshness({
  regions,
  ownAccounts,
  texts,
}: {
  regions: readonly FleetRegion[];
  ownAccounts: readonly string[];
  texts: FreshnessTexts;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-1">
      <h2 id={headingId} className="sr-only">
        {texts.label}
      </h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {regions.map((region) => (
          <li key={region.id} className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{region.id}:</span>
            <RegionState region={region} texts={texts} />
          </li>
        ))}
      </ul>
      {ownAccounts.length === 0 &&
      texts.noOwnAccounts !== undefined &&
      texts.noOwnAccounts !== '' ? (
        <p className="text-xs text-muted">{texts.noOwnAccounts}</p>
      ) : null}
    </section>
  );
}

function RegionState({ region, texts }: { region: FleetRegion; texts: FreshnessTexts }) {
  const sweeping = region.sweeping === null ? null : <Badge tone="info">{texts.sweeping}</Badge>;
  if (region.status === 'never') {
    return (
      <>
        <Badge tone="info">{texts.building}</Badge>
        <span className="text-muted">{texts.buildingHint}</span>
      </>
    );
  }
  if (region.status === 'failing') {
    return (
      <>
        <Badge tone="danger">{texts.failing}</Badge>
        <span>{region.error ?? ''}</span>
        <span className="text-muted">
          {region.sweptAt === null
            ? texts.failingNever
            : withTime(texts.failingSince, region.sweptAt)}
        </span>
        {sweeping}
      </>
    );
  }
  return (
    <>
      <span>
        {region.sweptAt === null ? texts.failingNever : withTime(texts.indexed, region.sweptAt)}
      </span>
      {sweeping}
    </>
  );
}

/**
 * The frame of a page built on the fleet index (lib/fleet-index.ts): its header with Refresh and,
 * where the page exports one, the CSV of what it shows; its controls; what was just done, until
 * dismissed; each region's freshness; then the index's states (loading, failing with the data
 * read before kept, empty or still being built) around the page's content. The texts are the
 * page's own, already translated.
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { indexBuilding } from '../lib/fleet-index';
import { IndexFreshness, type FreshnessTexts } from './index-freshness';
import { Button } from './ui/button';
import { PageHeader } from './ui/page-header';
import { QueryState } from './ui/query-state';
import { SuccessNotice } from './ui/success-notice';

/** The CSV of what the page shows: its button, and how many lines it holds, for screen readers. */
export interface CsvExport {
  label: string;
  help: string;
  /** Nothing shown: nothing to export. */
  disabled: boolean;
  onExport: () => void;
}

export interface FleetIndexPageProps {
  title: string;
  description: string;
  /** The index as the page reads it. */
  index: UseQueryResult<FleetResponse>;
  csv?: CsvExport | undefined;
  /** The page's filters and choices, first under the header. */
  controls: ReactNode;
  /** What was just done, said until dismissed. */
  notice?: string | undefined;
  onDismissNotice?: () => void;
  /** Said under the freshness, before the content (or its states). */
  notes?: ReactNode;
  texts: {
    freshness: FreshnessTexts;
    /** The error's heading. */
    failed: string;
    loading: string;
  };
  /** Whether the answer holds nothing to show; then `empty` is shown instead of the content. */
  isEmpty: (data: FleetResponse) => boolean;
  /** What shows instead, told whether a region's index is still being built. */
  empty: (building: boolean) => ReactNode;
  children: (data: FleetResponse) => ReactNode;
}

export function FleetIndexPage(props: FleetIndexPageProps) {
  const { index, texts } = props;
  const data = index.data;
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          <IndexActions
            refreshing={index.isFetching && !index.isPending}
            onRefresh={() => {
              void index.refetch();
            }}
            csv={props.csv}
          />
        }
      />
      <div className="flex flex-col gap-4">
        {props.controls}
        <Notice notice={props.notice} onDismiss={props.onDismissNotice} />
        {data === undefined ? null : (
          <IndexFreshness
            regions={data.regions}
            ownAccounts={data.ownAccounts}
            texts={texts.freshness}
          />
        )}
        {props.notes}
        <QueryState
          query={index}
          what={texts.failed}
          loadingLabel={texts.loading}
          keepData
          isEmpty={props.isEmpty}
          empty={props.empty(indexBuilding(data))}
        >
          {props.children}
        </QueryState>
      </div>
    </>
  );
}

/** Refresh, and the CSV of what is shown (described by how many lines it holds). */
function IndexActions({
  refreshing,
  onRefresh,
  csv,
}: {
  refreshing: boolean;
  onRefresh: () => void;
  csv: CsvExport | undefined;
}) {
  const { t } = useTranslation();
  const helpId = useId();
  return (
    <>
      <Button busy={refreshing} onClick={onRefresh}>
        {t('actions.refresh')}
      </Button>
      {csv === undefined ? null : (
        <>
          <Button
            variant="primary"
            disabled={csv.disabled}
            aria-describedby={helpId}
            onClick={csv.onExport}
          >
            {csv.label}
          </Button>
          <span id={helpId} className="sr-only">
            {csv.help}
          </span>
        </>
      )}
    </>
  );
}

function Notice({
  notice,
  onDismiss,
}: {
  notice: string | undefined;
  onDismiss: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  if (notice === undefined) return null;
  return (
    <SuccessNotice dismissLabel={t('actions.close')} onDismiss={() => onDismiss?.()}>
      {notice}
    </SuccessNotice>
  );
}

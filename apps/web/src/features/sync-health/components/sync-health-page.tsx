/**
 * Sync health: for each automatic sync policy and target, the tags the target region lacks or
 * holds with another digest, and the sync jobs of the last week that failed, read from the BFF's
 * fleet index (one call, no SWR call) for one region or all. Filtered and sorted in the URL;
 * healthy targets hidden until asked for. Users who may start a manual sync can sync what a target
 * lacks, or retry the failed jobs' tags, from its row.
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FleetIndexPage } from '../../../components/fleet-index-page';
import { freshnessTexts } from '../../../components/index-freshness';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/states';
import { BUILDING_POLL_MS, fleetIndexQuery, indexBuilding } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useRegionScope } from '../../../lib/region-scope';
import { AFTER_SYNC_POLL_MS, AFTER_SYNC_WAIT_MS, useSyncPlan, type SyncPlan } from '../api';
import {
  countByStatus,
  healthRows,
  matchesFilters,
  organizationsOf,
  reindexedSince,
  repositoryKey,
  sortRows,
  type HealthRow,
} from '../rows';
import { DEFAULT_STATUSES, useHealthView, viewSearch, type HealthView } from '../view-state';
import { Filters } from './filters';
import { HealthTable } from './health-table';
import { Outcome, type IndexState, type SyncOutcome } from './outcome';
import { Summary } from './summary';
import { SyncDialog } from './sync-dialog';
import { useSyncGate, type SyncAction } from './use-sync-gate';

/** Rows rendered at first; more on request (a large account's problems at once are too many). */
export const ROWS_PAGE = 200;

/** Where the index is after a sync: read again since, or not yet (and whether to keep asking). */
function indexStateOf(
  outcome: SyncOutcome | undefined,
  data: FleetResponse | undefined,
  readAt: number,
): IndexState | undefined {
  if (outcome === undefined) return undefined;
  const key = repositoryKey(outcome.row.repository);
  if (data !== undefined && reindexedSince(data, key, outcome.since)) return 'read';
  return readAt - outcome.since > AFTER_SYNC_WAIT_MS ? 'notYet' : 'reading';
}

/** Why nothing shows: none to see (yet), all healthy and hidden, or the filters. */
function emptyTitle(rows: number, hiddenHealthy: number, view: HealthView, building: boolean) {
  if (rows === 0) return building ? 'table.building' : 'table.empty';
  const everyProblem = DEFAULT_STATUSES.every((status) => view.statuses.includes(status));
  return everyProblem && hiddenHealthy > 0 ? 'table.allHealthy' : 'table.noMatch';
}

/** The rows of the answer, those the view shows in its order, the counts, the healthy hidden. */
function useShownRows(data: FleetResponse | undefined, view: HealthView) {
  const rows = useMemo(() => (data === undefined ? [] : healthRows(data)), [data]);
  const shown = useMemo(
    () =>
      sortRows(
        rows.filter((row) => matchesFilters(row, view)),
        view.sort,
      ),
    [rows, view],
  );
  const counts = useMemo(() => countByStatus(rows), [rows]);
  const hiddenHealthy = view.statuses.includes('healthy')
    ? 0
    : rows.filter(
        (row) =>
          row.status === 'healthy' &&
          (view.organization === undefined || row.repository.namespace === view.organization),
      ).length;
  return { rows, shown, counts, hiddenHealthy };
}

/** The sync asked for, its confirmation, sending it and what it came to. */
function useSyncFlow() {
  const [asked, setAsked] = useState<{ row: HealthRow; action: SyncAction } | undefined>();
  const [progress, setProgress] = useState<{ index: number; total: number } | undefined>();
  const [outcome, setOutcome] = useState<SyncOutcome | undefined>();
  const sync = useSyncPlan((index, total) => {
    setProgress({ index, total });
  });
  const confirm = (plan: SyncPlan) => {
    const since = Date.now();
    setOutcome(undefined);
    sync.mutate(plan, {
      onSuccess: (requests) => {
        setOutcome({ row: plan.row, requests, since });
      },
      onSettled: () => {
        setProgress(undefined);
        setAsked(undefined);
      },
    });
  };
  return { asked, setAsked, progress, outcome, setOutcome, busy: sync.isPending, confirm };
}

export function SyncHealthPage() {
  const { t } = useTranslation(['sync-health', 'common']);
  const format = useFormat();
  const { view, update } = useHealthView();
  const regions = useRegionScope(view, update, {
    path: paths.syncHealth,
    search: viewSearch,
  });
  const gate = useSyncGate();
  const flow = useSyncFlow();
  const [limit, setLimit] = useState(ROWS_PAGE);
  const base = fleetIndexQuery(regions.scope);
  const index = useQuery({
    ...base,
    refetchInterval: (query) => {
      const state = indexStateOf(flow.outcome, query.state.data, query.state.dataUpdatedAt);
      if (state === 'reading') return AFTER_SYNC_POLL_MS;
      return indexBuilding(query.state.data) ? BUILDING_POLL_MS : false;
    },
  });
  const { rows, shown, counts, hiddenHealthy } = useShownRows(index.data, view);
  const data = index.data;
  const showHealthy = () => {
    update({ statuses: [...view.statuses, 'healthy'] });
  };
  const indexState = indexStateOf(flow.outcome, data, index.dataUpdatedAt);

  return (
    <>
      <FleetIndexPage
        title={t('page.title')}
        description={t('page.description')}
        index={index}
        controls={
          <Filters
            view={view}
            scope={regions}
            organizations={organizationsOf(rows)}
            onChange={update}
          />
        }
        notes={
          <>
            {gate.allowed ? null : (
              <p className="text-sm text-muted">
                {t('actions.viewerNote', { reason: gate.reason ?? '' })}
              </p>
            )}
            {flow.outcome === undefined || indexState === undefined ? null : (
              <Outcome
                outcome={flow.outcome}
                index={indexState}
                onDismiss={() => {
                  flow.setOutcome(undefined);
                }}
              />
            )}
          </>
        }
        texts={{
          freshness: freshnessTexts(t, { noOwnAccounts: false }),
          failed: t('table.loadFailed'),
          loading: t('table.loading'),
        }}
        isEmpty={() => shown.length === 0}
        empty={(building) => (
          <EmptyState title={t(emptyTitle(rows.length, hiddenHealthy, view, building))}>
            {hiddenHealthy > 0 ? (
              <Button onClick={showHealthy}>{t('table.showHealthy')}</Button>
            ) : rows.length > 0 ? (
              <Button
                onClick={() => {
                  update({ organization: undefined, statuses: DEFAULT_STATUSES });
                }}
              >
                {t('filters.clear')}
              </Button>
            ) : null}
          </EmptyState>
        )}
      >
        {() => (
          <div className="flex flex-col gap-2">
            <Summary counts={counts} total={rows.length} />
            <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-muted">
              <span>
                {t('table.shown', {
                  shown: format.number(shown.length),
                  total: format.number(rows.length),
                })}
              </span>
              {hiddenHealthy > 0 ? (
                <>
                  <span>
                    {t('table.healthyHidden', {
                      count: hiddenHealthy,
                      formatted: format.number(hiddenHealthy),
                    })}
                  </span>
                  <Button size="sm" variant="ghost" onClick={showHealthy}>
                    {t('table.showHealthy')}
                  </Button>
                </>
              ) : null}
            </p>
            <HealthTable
              caption={t('table.caption')}
              rows={shown.slice(0, limit)}
              sort={view.sort}
              onSort={(sort) => {
                update({ sort });
              }}
              gate={gate}
              onAction={(row, action) => {
                flow.setAsked({ row, action });
              }}
              busy={index.isFetching && !index.isPending}
            />
            {shown.length > limit ? (
              <Button
                className="self-start"
                onClick={() => {
                  setLimit(limit + ROWS_PAGE);
                }}
              >
                {t('table.more', {
                  count: Math.min(ROWS_PAGE, shown.length - limit),
                  formatted: format.number(Math.min(ROWS_PAGE, shown.length - limit)),
                })}
              </Button>
            ) : null}
          </div>
        )}
      </FleetIndexPage>
      {flow.asked === undefined ? null : (
        <SyncDialog
          row={flow.asked.row}
          action={flow.asked.action}
          busy={flow.busy}
          progress={flow.progress}
          onConfirm={flow.confirm}
          onClose={() => {
            flow.setAsked(undefined);
          }}
        />
      )}
    </>
  );
}

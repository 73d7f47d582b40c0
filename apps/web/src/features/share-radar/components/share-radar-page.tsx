/**
 * Share radar: every outbound share of a region, or of all regions, by end date, read from the
 * BFF's fleet index (one call, no SWR call): grouped as ended, ending soon and later, with each
 * account shared with summed up, and what leaves the company marked. The view is in the URL; the
 * shares shown export as CSV; each region's freshness is above the lists.
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FleetIndexPage } from '../../../components/fleet-index-page';
import { freshnessTexts } from '../../../components/index-freshness';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { EmptyState } from '../../../components/ui/states';
import { fleetIndexQuery } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useRegionScope } from '../../../lib/region-scope';
import { saveFile } from '../../../lib/save-file';
import { ENDING_SOON_DAYS } from '../../../lib/share-ends';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { useStopShare } from '../api';
import { csvFilename, shareCsv } from '../csv';
import {
  accountSummaries,
  groupCounts,
  matchesFilters,
  shareRows,
  type AccountSummary,
  type ShareRow,
} from '../rows';
import { useRadarView, viewSearch, type RadarView } from '../view-state';
import { AccountTable } from './account-table';
import { RadarFilters } from './radar-filters';
import { ShareTable } from './share-table';

/** The rows of the answer, the accounts, each group's count and the rows shown. */
function useRadarRows(data: FleetResponse | undefined, now: number, view: RadarView) {
  const rows = useMemo(() => (data === undefined ? [] : shareRows(data, now)), [data, now]);
  const accounts = useMemo(
    () => accountSummaries(rows, data?.ownAccounts ?? []),
    [rows, data?.ownAccounts],
  );
  return useMemo(() => {
    // The groups count what the other filters leave.
    const others = rows.filter((row) => matchesFilters(row, { ...view, group: undefined }));
    return {
      rows,
      accounts,
      counts: groupCounts(others),
      shown: others.filter((row) => matchesFilters(row, view)),
    };
  }, [rows, accounts, view]);
}

/** Stopping a share after a red confirmation, with what was done said once it is. */
function useStopConfirmation(onDone: (message: string) => void) {
  const { t } = useTranslation('share-radar');
  const stop = useStopShare();
  return useConfirmedMutation(
    stop,
    (row: ShareRow) => ({
      region: row.region,
      namespace: row.namespace,
      repository: row.repository,
      account: row.share.account,
    }),
    {
      onSuccess: (_data, row) => {
        onDone(
          t('stop.done', {
            name: `${row.namespace}/${row.repository}`,
            account: row.share.account,
          }),
        );
      },
    },
  );
}

/** The accounts shared with, then the shares shown (or why none is). */
function ShareLists({
  accounts,
  shown,
  total,
  selected,
  now,
  stopReason,
  onSelect,
  onStop,
  onClear,
}: {
  accounts: readonly AccountSummary[];
  shown: readonly ShareRow[];
  total: number;
  selected: string | undefined;
  now: number;
  stopReason: string | undefined;
  onSelect: (account: string | undefined) => void;
  onStop: (row: ShareRow) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('share-radar');
  const format = useFormat();
  return (
    <div className="flex flex-col gap-6">
      <AccountTable accounts={accounts} selected={selected} now={now} onSelect={onSelect} />
      <div className="flex flex-col gap-2">
        <p role="status" className="text-sm text-muted">
          {t('list.shown', { shown: format.number(shown.length), total: format.number(total) })}
        </p>
        {shown.length === 0 ? (
          <EmptyState title={t('list.noMatch')}>
            <Button onClick={onClear}>{t('filters.clear')}</Button>
          </EmptyState>
        ) : (
          <ShareTable rows={shown} now={now} stopReason={stopReason} onStop={onStop} />
        )}
      </div>
    </div>
  );
}

/** The red confirmation before a share stops, saying who loses what. */
function StopDialog({ stopping }: { stopping: ReturnType<typeof useStopConfirmation> }) {
  const { t } = useTranslation('share-radar');
  const target = stopping.target;
  return (
    <ConfirmDialog
      {...stopping.dialog}
      title={t('stop.title', { account: target?.share.account ?? '' })}
      effect={t('stop.effect', {
        account: target?.share.account ?? '',
        name: target === undefined ? '' : `${target.namespace}/${target.repository}`,
        region: target?.region ?? '',
      })}
      confirmLabel={t('stop.confirm')}
    />
  );
}

export function ShareRadarPage() {
  const { t } = useTranslation(['share-radar', 'common']);
  const format = useFormat();
  const { view, update } = useRadarView();
  const regions = useRegionScope(view, update, {
    path: paths.shareRadar,
    search: viewSearch,
  });
  const index = useQuery(fleetIndexQuery(regions.scope));
  // Ends are counted from when the index was read.
  const now = index.dataUpdatedAt;
  const { rows, accounts, counts, shown } = useRadarRows(index.data, now, view);
  const canStop = usePermission('deleteRepoDomains');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const stopping = useStopConfirmation(setNotice);
  const exportCsv = () => {
    const filename = csvFilename(regions.scope ?? 'all', new Date());
    // A byte order mark first: spreadsheets then read the file as UTF-8 (Chinese names, dashes).
    saveFile(['\uFEFF', shareCsv(shown, t)], filename, 'text/csv;charset=utf-8');
    setNotice(t('csv.saved', { filename }));
  };

  const clearFilters = () => {
    update({ group: undefined, account: undefined, leaving: false });
  };

  return (
    <>
      <FleetIndexPage
        title={t('page.title')}
        description={t('page.description', { days: ENDING_SOON_DAYS })}
        index={index}
        csv={{
          label: t('csv.export'),
          help: t('csv.exportHelp', { count: shown.length, shown: format.number(shown.length) }),
          disabled: shown.length === 0,
          onExport: exportCsv,
        }}
        controls={<RadarFilters view={view} scope={regions} counts={counts} onChange={update} />}
        notice={notice}
        onDismissNotice={() => {
          setNotice(undefined);
        }}
        texts={{
          freshness: freshnessTexts(t, { noOwnAccounts: true }),
          failed: t('list.failed'),
          loading: t('list.loading'),
        }}
        isEmpty={() => rows.length === 0}
        empty={(building) => <EmptyState title={building ? t('list.building') : t('list.empty')} />}
      >
        {() => (
          <ShareLists
            accounts={accounts}
            shown={shown}
            total={rows.length}
            selected={view.account}
            now={now}
            stopReason={canStop.reason}
            onSelect={(account) => {
              update({ account });
            }}
            onStop={stopping.ask}
            onClear={clearFilters}
          />
        )}
      </FleetIndexPage>
      <StopDialog stopping={stopping} />
    </>
  );
}

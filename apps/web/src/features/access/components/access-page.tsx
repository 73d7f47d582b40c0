/**
 * Access: who can read, edit or manage a repository and why, or everything an IAM user can reach,
 * in a region or in all, from the BFF's fleet index (one call, no SWR call); the redundant grants
 * of the regions for cleaning up; the lines shown as CSV. The choice is in the URL.
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IndexFreshness, WHEN } from '../../../components/index-freshness';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryState } from '../../../components/ui/query-state';
import { EmptyState } from '../../../components/ui/states';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { fleetIndexQuery, indexBuilding } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useRegionScope } from '../../../lib/region-scope';
import { saveFile } from '../../../lib/save-file';
import { useMe } from '../../../lib/session';
import { accessCsv, accessFilename } from '../csv';
import {
  findRepositories,
  publicRepositories,
  reachLines,
  redundantGrants,
  repositoryLines,
  repositoryRefs,
  userNames,
  userReach,
  type AccessLine,
  type ReachGroup,
} from '../grants';
import type { AccessT } from '../texts';
import { accessSearch, useAccessView, type AccessView } from '../view-state';
import { AccessControls } from './access-controls';
import { AccessSummary } from './access-summary';
import { RepositoryAccess } from './repository-access';
import { UserAccess } from './user-access';

/** What the page works out of one answer of the index. */
interface Worked {
  repositories: string[];
  users: string[];
  redundant: ReturnType<typeof redundantGrants>;
  publicCount: number;
}

function work(index: FleetResponse): Worked {
  return {
    repositories: repositoryRefs(index),
    users: userNames(index),
    redundant: redundantGrants(index),
    publicCount: publicRepositories(index).length,
  };
}

/** The chosen user's groups (user mode), and the lines the table shows and the CSV holds. */
function shownOf(index: FleetResponse | undefined, view: AccessView) {
  if (index === undefined) return { groups: [] as ReachGroup[], lines: [] as AccessLine[] };
  if (view.mode === 'user') {
    const groups = view.user === '' ? [] : userReach(index, view.user);
    return { groups, lines: reachLines(groups) };
  }
  const lines = view.repository === '' ? [] : repositoryLines(index, view.repository);
  return { groups: [], lines };
}

function freshnessTexts(t: AccessT) {
  return {
    label: t('freshness.label'),
    indexed: t('freshness.indexed', { when: WHEN }),
    sweeping: t('freshness.sweeping'),
    failing: t('freshness.failing'),
    failingSince: t('freshness.failingSince', { when: WHEN }),
    failingNever: t('freshness.failingNever'),
    building: t('freshness.building'),
    buildingHint: t('freshness.buildingHint'),
    noOwnAccounts: '',
  };
}

export function AccessPage() {
  const { t } = useTranslation(['access', 'common']);
  const format = useFormat();
  const me = useMe();
  const { view, update } = useAccessView();
  const { region, scope, choose } = useRegionScope(view, update, {
    path: paths.access,
    search: accessSearch,
  });
  const index = useQuery(fleetIndexQuery(scope));
  const data = index.data;
  const worked = useMemo(() => (data === undefined ? undefined : work(data)), [data]);
  const shown = useMemo(() => shownOf(data, view), [data, view]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const exportHelpId = useId();
  const building = indexBuilding(data);

  const exportCsv = () => {
    const choice = view.mode === 'user' ? view.user : view.repository;
    const filename = accessFilename(scope ?? 'all', choice, new Date());
    // A byte order mark first: spreadsheets then read the file as UTF-8.
    saveFile(['\uFEFF', accessCsv(shown.lines, t)], filename, 'text/csv;charset=utf-8');
    setNotice(t('csv.saved', { filename }));
  };

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={
          <>
            <Button
              busy={index.isFetching && !index.isPending}
              onClick={() => {
                void index.refetch();
              }}
            >
              {t('common:actions.refresh')}
            </Button>
            <Button
              variant="primary"
              disabled={shown.lines.length === 0}
              aria-describedby={exportHelpId}
              onClick={exportCsv}
            >
              {t('csv.export')}
            </Button>
            <span id={exportHelpId} className="sr-only">
              {t('csv.exportHelp', {
                count: shown.lines.length,
                shown: format.number(shown.lines.length),
              })}
            </span>
          </>
        }
      />
      <div className="flex flex-col gap-4">
        <AccessControls
          view={view}
          region={region}
          regions={me.regions.map((option) => option.id)}
          onRegions={choose}
          onChange={update}
          repositories={worked?.repositories ?? []}
          users={worked?.users ?? []}
        />
        {notice === undefined ? null : (
          <SuccessNotice
            dismissLabel={t('common:actions.close')}
            onDismiss={() => {
              setNotice(undefined);
            }}
          >
            {notice}
          </SuccessNotice>
        )}
        {data === undefined ? null : (
          <IndexFreshness
            regions={data.regions}
            ownAccounts={data.ownAccounts}
            texts={freshnessTexts(t)}
          />
        )}
        <QueryState
          query={index}
          what={t('table.failed')}
          loadingLabel={t('table.loading')}
          keepData
          isEmpty={(answer) => answer.repositories.length === 0 && answer.namespaces.length === 0}
          empty={<EmptyState title={building ? t('table.building') : t('table.empty')} />}
        >
          {(answer) => (
            <AccessContent
              view={view}
              index={answer}
              worked={worked ?? work(answer)}
              shown={shown}
            />
          )}
        </QueryState>
      </div>
    </>
  );
}

function AccessContent({
  view,
  index,
  worked,
  shown,
}: {
  view: AccessView;
  index: FleetResponse;
  worked: Worked;
  shown: ReturnType<typeof shownOf>;
}) {
  const { t } = useTranslation('access');
  return (
    <div className="flex flex-col gap-6">
      {view.mode === 'repository' ? (
        view.repository === '' ? (
          <EmptyState title={t('pick.noRepository')} />
        ) : (
          <RepositoryAccess
            name={view.repository}
            repositories={findRepositories(index, view.repository)}
            lines={shown.lines}
          />
        )
      ) : view.user === '' ? (
        <EmptyState title={t('pick.noUser')} />
      ) : (
        <UserAccess user={view.user} groups={shown.groups} publicCount={worked.publicCount} />
      )}
      <AccessSummary users={worked.users.length} redundant={worked.redundant} />
    </div>
  );
}

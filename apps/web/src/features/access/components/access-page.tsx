/**
 * Access: who can read, edit or manage a repository and why, or everything an IAM user can reach,
 * in a region or in all, from the BFF's fleet index (one call, no SWR call); the redundant grants
 * of the regions for cleaning up; the lines shown as CSV. The choice is in the URL.
 */
import type { FleetResponse } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FleetIndexPage } from '../../../components/fleet-index-page';
import { freshnessTexts } from '../../../components/index-freshness';
import { EmptyState } from '../../../components/ui/states';
import { fleetIndexQuery } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useRegionScope } from '../../../lib/region-scope';
import { saveFile } from '../../../lib/save-file';
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

export function AccessPage() {
  const { t } = useTranslation(['access', 'common']);
  const format = useFormat();
  const { view, update } = useAccessView();
  const regions = useRegionScope(view, update, {
    path: paths.access,
    search: accessSearch,
  });
  const index = useQuery(fleetIndexQuery(regions.scope));
  const data = index.data;
  const worked = useMemo(() => (data === undefined ? undefined : work(data)), [data]);
  const shown = useMemo(() => shownOf(data, view), [data, view]);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const exportCsv = () => {
    const choice = view.mode === 'user' ? view.user : view.repository;
    const filename = accessFilename(regions.scope ?? 'all', choice, new Date());
    // A byte order mark first: spreadsheets then read the file as UTF-8.
    saveFile(['\uFEFF', accessCsv(shown.lines, t)], filename, 'text/csv;charset=utf-8');
    setNotice(t('csv.saved', { filename }));
  };

  return (
    <FleetIndexPage
      title={t('page.title')}
      description={t('page.description')}
      index={index}
      csv={{
        label: t('csv.export'),
        help: t('csv.exportHelp', {
          count: shown.lines.length,
          shown: format.number(shown.lines.length),
        }),
        disabled: shown.lines.length === 0,
        onExport: exportCsv,
      }}
      controls={
        <AccessControls
          view={view}
          scope={regions}
          onChange={update}
          repositories={worked?.repositories ?? []}
          users={worked?.users ?? []}
        />
      }
      notice={notice}
      onDismissNotice={() => {
        setNotice(undefined);
      }}
      texts={{
        freshness: freshnessTexts(t, { noOwnAccounts: false }),
        failed: t('table.failed'),
        loading: t('table.loading'),
      }}
      isEmpty={(answer) => answer.repositories.length === 0 && answer.namespaces.length === 0}
      empty={(building) => <EmptyState title={building ? t('table.building') : t('table.empty')} />}
    >
      {(answer) => (
        <AccessContent view={view} index={answer} worked={worked ?? work(answer)} shown={shown} />
      )}
    </FleetIndexPage>
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

/**
 * Fleet: every repository of a region, or of all regions, in one grid with its retention, sync
 * targets, triggers and shares, read from the BFF's fleet index (one call, no SWR call). Sorted,
 * filtered and viewed in the URL, so a view can be bookmarked, shared and saved; the rows shown
 * export as CSV; each region's freshness is above the grid.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FleetIndexPage } from '../../../components/fleet-index-page';
import { freshnessTexts } from '../../../components/index-freshness';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/states';
import { fleetIndexQuery } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useRegionScope } from '../../../lib/region-scope';
import { saveFile } from '../../../lib/save-file';
import { useMe } from '../../../lib/session';
import { csvFilename, fleetCsv } from '../csv';
import { fleetRows, matchesFilters, sortRows, type FleetSort } from '../rows';
import { BUILT_IN_VIEWS, useSavedViews, viewOwner } from '../saved-views';
import { rowTexts } from '../texts';
import { canonicalSearch, useFleetView, viewSearch } from '../view-state';
import { FleetFilters } from './fleet-filters';
import { FleetGrid } from './fleet-grid';
import { SavedViewsBar } from './saved-views';

export function FleetPage() {
  const { t } = useTranslation(['fleet', 'common']);
  const format = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const { view, search, update, apply } = useFleetView();
  const regions = useRegionScope(view, update, {
    path: paths.fleet,
    search: viewSearch,
  });
  const region = regions.region;
  const index = useQuery(fleetIndexQuery(regions.scope));
  // Ages, ends and "the last 7 days" are counted from when the index was read.
  const now = index.dataUpdatedAt;
  const rows = useMemo(
    () => (index.data === undefined ? [] : fleetRows(index.data, now)),
    [index.data, now],
  );
  const shown = useMemo(
    () =>
      sortRows(
        rows.filter((row) => matchesFilters(row, view)),
        view.sort,
      ),
    [rows, view],
  );
  const textsOf = useMemo(() => rowTexts(t, format, now), [t, format, now]);
  const saved = useSavedViews(viewOwner(me.user));
  // Fields that keep what is typed (the text, the number of tags) start again from the URL once a
  // view that replaces the filters has arrived there (the URL changes in a transition, after the
  // click).
  const [generation, setGeneration] = useState(0);
  const [awaited, setAwaited] = useState<string | undefined>(undefined);
  if (awaited !== undefined && awaited === search) {
    setAwaited(undefined);
    setGeneration(generation + 1);
  }
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const regionIds = me.regions.map((option) => option.id);

  // The view the page is in: one of the user's (with its regions) or a built-in (any regions).
  const filtersOnly = viewSearch({ ...view, allRegions: false });
  const mine = saved.views.find(
    (candidate) => candidate.search === search && (view.allRegions || candidate.region === region),
  );
  const builtIn = BUILT_IN_VIEWS.find(
    (candidate) => canonicalSearch(candidate.search) === filtersOnly,
  );
  const current =
    mine !== undefined ? `user:${mine.id}` : builtIn !== undefined ? `builtin:${builtIn.id}` : '';

  const pick = (id: string) => {
    const [kind, key] = id.split(/:(.*)/s);
    if (kind === 'builtin') {
      const chosen = BUILT_IN_VIEWS.find((candidate) => candidate.id === key);
      if (chosen === undefined) return;
      const next = canonicalSearch(
        view.allRegions ? `${chosen.search}&regions=all` : chosen.search,
      );
      setAwaited(next);
      apply(next);
      return;
    }
    const chosen = saved.views.find((candidate) => candidate.id === key);
    if (chosen === undefined) return;
    const target = regionIds.includes(chosen.region) ? chosen.region : region;
    setAwaited(chosen.search);
    if (target === region) apply(chosen.search);
    else void navigate({ pathname: paths.fleet(target), search: chosen.search });
  };

  const clearFilters = () => {
    const cleared = { ...view, text: '', facets: [], tagsOver: undefined };
    setAwaited(viewSearch(cleared));
    update(cleared);
  };

  const onSort = useCallback(
    (sort: FleetSort) => {
      update({ sort });
    },
    [update],
  );

  const exportCsv = () => {
    const filename = csvFilename(regions.scope ?? 'all', new Date());
    // A byte order mark first: spreadsheets then read the file as UTF-8 (Chinese names, dashes).
    saveFile(['\uFEFF', fleetCsv(shown, t)], filename, 'text/csv;charset=utf-8');
    setNotice(t('csv.saved', { filename }));
  };

  return (
    <FleetIndexPage
      title={t('page.title')}
      description={t('page.description')}
      index={index}
      csv={{
        label: t('csv.export'),
        help: t('csv.exportHelp', { count: shown.length, shown: format.number(shown.length) }),
        disabled: shown.length === 0,
        onExport: exportCsv,
      }}
      controls={
        <>
          <SavedViewsBar
            current={current}
            views={saved.views}
            onPick={pick}
            onSave={(name) => {
              const done = saved.save({ name, region, search });
              if (done !== undefined) setNotice(t('views.saved', { name: done.name }));
              return done !== undefined;
            }}
            onRename={saved.rename}
            onDelete={saved.remove}
          />
          <FleetFilters
            key={generation}
            view={view}
            scope={regions}
            onChange={update}
            onClear={clearFilters}
          />
        </>
      }
      notice={notice}
      onDismissNotice={() => {
        setNotice(undefined);
      }}
      texts={{
        freshness: freshnessTexts(t, { noOwnAccounts: true }),
        failed: t('grid.failed'),
        loading: t('grid.loading'),
      }}
      isEmpty={() => shown.length === 0}
      empty={(building) =>
        rows.length > 0 ? (
          <EmptyState title={t('grid.noMatch')}>
            <Button onClick={clearFilters}>{t('filters.clear')}</Button>
          </EmptyState>
        ) : (
          <EmptyState title={building ? t('grid.building') : t('grid.empty')} />
        )
      }
    >
      {() => (
        <div className="flex flex-col gap-2">
          <p role="status" className="text-sm text-muted">
            {t('grid.shown', {
              shown: format.number(shown.length),
              total: format.number(rows.length),
            })}
          </p>
          <FleetGrid
            caption={t('grid.caption')}
            rows={shown}
            sort={view.sort}
            onSort={onSort}
            textsOf={textsOf}
            busy={index.isFetching && !index.isPending}
          />
        </div>
      )}
    </FleetIndexPage>
  );
}

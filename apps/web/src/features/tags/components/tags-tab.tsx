/**
 * A repository's tags. SWR pages, sorts (by update time or name) and filters on the server; the
 * page, page size, order and filter are in the query string. Per tag: size, digest to copy,
 * created and updated times, the pull command for each client, delete. Several tags can be
 * selected (across pages) and deleted together, with a summary of what succeeded and failed; a
 * clean-up by rule (a job on the Jobs page) starts from here with the repository chosen. A tag's
 * name opens its image; two selected tags open their comparison.
 */
import type { TagDetail } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { FilterInput } from '../../../components/ui/filter-input';
import { EmptyState, LoadingState } from '../../../components/ui/states';
import { Pagination } from '../../../components/ui/pagination';
import type { SortState } from '../../../components/ui/table';
import { fleetIndexQuery } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlState } from '../../../lib/url-state';
import type { EarlyTabProps } from '../../../lib/repository-tab';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { protectedTagsQuery, protectionOf } from '../../../lib/protected-tags';
import { useDeleteTag, useDeleteTags } from '../api';
import { TAG_PAGE_SIZES, tagListFilters, tagsQuery } from '../list';
import { shortDigest } from '../commands';
import { triggersQuery } from '../../../lib/swr-queries';
import { syncSources, tagRisks } from '../risks';
import { DeleteTagsDialog, type DeleteTagsPhase } from './delete-tags-dialog';
import { TagRiskWarning } from './tag-risks';
import { EmptyTags } from './empty-tags';
import { PullCommandsDialog } from './pull-commands-dialog';
import { TagsTable } from './tags-table';

const FILTER_MAX = 128;
const NO_TAGS: ReadonlySet<string> = new Set();

function filterProblem(text: string, t: (key: string) => string): string | undefined {
  if (text.includes('|')) return t('filter.pipe');
  if (text.length > FILTER_MAX) return t('filter.tooLong');
  return undefined;
}

/**
 * The tab shows its rows without waiting for the repository's details (`detail`); only the advice
 * for an empty repository needs them (its image path).
 */
export function TagsTab(props: EarlyTabProps) {
  // Another repository starts afresh: its own filter being typed, no selection.
  return (
    <RepositoryTags key={`${props.region}/${props.namespace}/${props.repository}`} {...props} />
  );
}

function RepositoryTags({ region, namespace, repository, detail }: EarlyTabProps) {
  const { t } = useTranslation(['tags', 'common']);
  const ids = useId();
  const format = useFormat();
  const url = useUrlState();
  const [searchParams] = useSearchParams();
  const filters = tagListFilters(searchParams);
  const list = useQuery(tagsQuery(region, namespace, repository, filters));
  const canDelete = usePermission('deleteRepoTag');
  const fullName = `${namespace}/${repository}`;
  const navigate = useNavigate();
  // Stable for the table's memoized rows.
  const imageHref = useCallback(
    (tag: string) => paths.image(region, namespace, repository, tag),
    [region, namespace, repository],
  );

  // The filter as typed; it reaches the URL (and SWR) once typing pauses.
  const [draft, setDraft] = useState(filters.tag);

  // A page past the end (tags were deleted, or an old link): go to the last page that exists.
  const total = list.data?.total;
  const pageEmpty = list.isSuccess && !list.isPlaceholderData && list.data.items.length === 0;
  useEffect(() => {
    if (pageEmpty && total !== undefined && total > 0 && filters.offset > 0) {
      url.set({ offset: Math.floor((total - 1) / filters.limit) * filters.limit });
    }
  }, [pageEmpty, total, filters.offset, filters.limit, url]);

  // Protected tags (the BFF's configuration): marked, never deleted or selected here.
  const patterns = useQuery(protectedTagsQuery(namespace));
  const protection = useMemo(() => protectionOf(patterns.data), [patterns.data]);

  // Selected tags, kept across pages, sorting and filtering; and the protected tags a selection
  // of a whole page passed over (the bulk delete says how many were left out).
  const [selected, setSelected] = useState<ReadonlySet<string>>(NO_TAGS);
  const [leftOut, setLeftOut] = useState<ReadonlySet<string>>(NO_TAGS);
  // The table's callbacks keep their identity, so typing a filter does not re-render its rows.
  const updateSelection = useCallback(
    (tags: readonly string[], add: boolean) => {
      const change = (current: ReadonlySet<string>, some: readonly string[]) => {
        if (some.length === 0) return current;
        const next = new Set(current);
        for (const tag of some) {
          if (add) next.add(tag);
          else next.delete(tag);
        }
        return next;
      };
      const open = tags.filter((tag) => protection(tag) === undefined);
      const guarded = tags.filter((tag) => protection(tag) !== undefined);
      setSelected((current) => change(current, open));
      setLeftOut((current) => change(current, guarded));
    },
    [protection],
  );
  // What the selection holds that may be deleted: a tag selected before the patterns were read
  // (or changed) and protected since is not counted, and is left out of a bulk delete.
  const deletable = useMemo(
    () =>
      [...selected].some((tag) => protection(tag) !== undefined)
        ? new Set([...selected].filter((tag) => protection(tag) === undefined))
        : selected,
    [selected, protection],
  );
  const clearSelection = () => {
    setSelected(NO_TAGS);
    setLeftOut(NO_TAGS);
  };

  const [pulling, setPulling] = useState<TagDetail | undefined>(undefined);
  const deletion = useConfirmedMutation(
    useDeleteTag(region, namespace, repository),
    (tag: TagDetail) => tag.Tag,
    {
      onSuccess: (_, tag) => {
        updateSelection([tag.Tag], false);
      },
    },
  );
  const deleting = deletion.target;
  // Stable: the table's rows do not re-render for it.
  const openDelete = deletion.ask;
  // `set` is a closure from useUrlState (no `this`), stable until the query string changes.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const setUrl = url.set;
  const changeSort = useCallback(
    (next: SortState) => {
      setUrl({ sort: next.column, order: next.direction, offset: undefined });
    },
    [setUrl],
  );

  const batch = useDeleteTags(region, namespace, repository);
  const [bulk, setBulk] = useState<{
    tags: readonly string[];
    phase: DeleteTagsPhase;
    /** How many protected tags the selection left out. */
    leftOut: number;
  } | null>(null);
  // What a deletion may break: `latest`, tags an enabled trigger of this repository matches, and
  // the newest copy another region syncs here. Read when a deletion is being confirmed, not on
  // every view of the tab.
  const confirming = deleting !== undefined || bulk !== null;
  const triggers = useQuery({
    ...triggersQuery({ region, namespace, repository }),
    enabled: confirming,
  });
  // The index of every region says who syncs here (its answer is waited for, as the triggers'
  // are). While it is being built or cannot be read, what it does not hold is not named: the
  // deletion asks no more than it would without it.
  const index = useQuery({ ...fleetIndexQuery(undefined), enabled: confirming });
  const sources = useMemo(
    () => syncSources(index.data?.repositories ?? [], { region, namespace, repository }),
    [index.data, region, namespace, repository],
  );
  // The newest tag: the first of the tab's default page (newest first), shared with the list.
  const newest = useQuery({
    ...tagsQuery(region, namespace, repository, tagListFilters('')),
    enabled: confirming && sources.length > 0,
    select: (first) => first.items[0]?.Tag,
  });
  const copies = { from: sources, newest: newest.data };
  const risksOf = (tags: readonly string[]) => tagRisks(tags, triggers.data ?? [], copies);
  const triggersUnknown = triggers.isError;
  const checking = triggers.isPending
    ? t('risks.checking')
    : index.isPending || (sources.length > 0 && newest.isPending)
      ? t('risks.checkingSync')
      : undefined;
  const deletingRisks = risksOf(deleting === undefined ? [] : [deleting.Tag]);

  const [stopping, setStopping] = useState(false);
  const runBatch = (tags: readonly string[]) => {
    const leftOutNow = bulk?.leftOut ?? 0;
    setBulk({ tags, phase: 'running', leftOut: leftOutNow });
    setStopping(false);
    batch.mutation.mutate(tags, {
      onSuccess: (outcomes) => {
        const deleted = outcomes.flatMap((outcome) =>
          outcome.status === 'deleted' ? [outcome.tag] : [],
        );
        updateSelection(deleted, false);
        // All went: the protected tags that selection passed over are forgotten with it.
        if (deleted.length === outcomes.length) setLeftOut(NO_TAGS);
        setBulk({ tags, phase: 'done', leftOut: leftOutNow });
      },
    });
  };
  /** The selection, less any tag protected meanwhile (the patterns were read after it). */
  const openBulk = () => {
    const tags = [...deletable].sort();
    const guarded = new Set([...leftOut, ...[...selected].filter((tag) => !deletable.has(tag))]);
    batch.mutation.reset();
    setBulk({ tags, phase: 'confirm', leftOut: guarded.size });
  };

  const sort = useMemo<SortState>(
    () => ({ column: filters.orderColumn, direction: filters.orderType }),
    [filters.orderColumn, filters.orderType],
  );
  // A new page (another filter, order or page) is rendered in the background, in slices, with the
  // previous one on screen meanwhile: a page of 1,000 tags does not hold up typing or a frame. The
  // first page shows at once.
  const deferredPage = useDeferredValue(list.data);
  const page = deferredPage ?? list.data;
  const unfiltered = filters.tag === '';
  // A repository without tags: nothing to filter or select, only how to push a first image.
  const noTags = page !== undefined && page.total === 0 && unfiltered && draft === '';

  return (
    <section aria-labelledby={`${ids}-heading`} className="flex flex-col gap-3">
      <h2 id={`${ids}-heading`} className="sr-only">
        {t('heading', { repository: fullName })}
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-start gap-2">
          <div className={noTags ? 'hidden' : 'w-72'}>
            <FilterInput
              label={t('filter.label')}
              labelHidden
              placeholder={t('filter.placeholder')}
              value={filters.tag}
              text={draft}
              onTextChange={setDraft}
              maxLength={FILTER_MAX + 1}
              problem={(text) => filterProblem(text, t)}
              onCommit={(tag) => {
                url.set({ q: tag, offset: undefined });
              }}
            />
          </div>
          <Button busy={list.isFetching && !list.isPending} onClick={() => void list.refetch()}>
            {t('common:actions.refresh')}
          </Button>
        </div>
        <div className={noTags ? 'hidden' : 'flex flex-wrap items-center gap-2'}>
          <span className="text-sm text-muted" aria-live="polite">
            {deletable.size === 0 ? '' : t('select.count', { count: deletable.size })}
          </span>
          {deletable.size === 0 ? null : (
            <Button size="sm" variant="ghost" onClick={clearSelection}>
              {t('select.clear')}
            </Button>
          )}
          <Button
            disabledReason={
              canDelete.reason === undefined
                ? deletable.size === 2
                  ? undefined
                  : t('compare.needTwo')
                : t('compare.fromImage')
            }
            onClick={() => {
              const [a = '', b = ''] = deletable;
              void navigate(paths.compare(region, namespace, repository, a, b));
            }}
          >
            {t('compare.button')}
          </Button>
          {canDelete.allowed ? (
            // Beyond the page in view: the Jobs page's clean-up by rule, this repository chosen.
            <Link
              className="inline-flex items-center rounded-md border border-border bg-card px-3.5 py-2 text-sm font-medium text-fg transition hover:bg-hover"
              to={paths.newCleanup(region, namespace, repository)}
            >
              {t('cleanup.byRule')}
            </Link>
          ) : null}
          <Button
            variant="danger"
            disabledReason={
              canDelete.reason ?? (deletable.size === 0 ? t('select.none') : undefined)
            }
            onClick={openBulk}
          >
            {deletable.size === 0 ? t('bulk.open') : t('bulk.openCount', { count: deletable.size })}
          </Button>
        </div>
      </div>

      {patterns.isError ? <p className="text-sm text-muted">{t('protected.unknown')}</p> : null}
      <QueryState
        // What is on screen is the deferred page (a new page renders in the background).
        query={{
          isPending: list.isPending,
          isError: list.isError,
          isSuccess: list.isSuccess,
          error: list.error,
          data: page,
          refetch: () => list.refetch(),
        }}
        what={t('failed')}
        loadingLabel={t('loading')}
        keepData
      >
        {(shown) =>
          shown.total > 0 ? (
            <>
              <TagsTable
                caption={
                  unfiltered
                    ? t('caption', { repository: fullName })
                    : t('captionFiltered', { repository: fullName, filter: filters.tag })
                }
                tags={shown.items}
                offset={shown.offset}
                total={shown.total}
                sort={sort}
                onSort={changeSort}
                selected={deletable}
                onSelect={updateSelection}
                deleteReason={canDelete.reason}
                protection={protection}
                onPull={setPulling}
                onDelete={openDelete}
                imageHref={imageHref}
                busy={list.isPlaceholderData || shown !== list.data}
                fetchedAt={list.dataUpdatedAt}
              />
              <Pagination
                pageSizes={TAG_PAGE_SIZES}
                offset={filters.offset}
                limit={filters.limit}
                total={shown.total}
                onChange={(next) => {
                  url.setPage(next, TAG_PAGE_SIZES);
                }}
              />
            </>
          ) : unfiltered ? (
            detail === undefined ? (
              <LoadingState />
            ) : (
              <EmptyTags region={region} repositoryPath={detail.path} />
            )
          ) : (
            <EmptyState title={t('filter.noMatch', { filter: filters.tag })}>
              <Button
                size="sm"
                onClick={() => {
                  setDraft('');
                  url.set({ q: undefined, offset: undefined });
                }}
              >
                {t('filter.clear')}
              </Button>
            </EmptyState>
          )
        }
      </QueryState>

      <PullCommandsDialog
        region={region}
        tag={pulling}
        onClose={() => {
          setPulling(undefined);
        }}
      />
      <ConfirmDialog
        title={t('delete.title', { tag: deleting?.Tag ?? '' })}
        effect={
          <div className="flex flex-col gap-2">
            <p className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2">
              {t('delete.effect', {
                tag: deleting?.Tag ?? '',
                digest: shortDigest(deleting?.digest ?? ''),
                size: format.bytes(deleting?.size ?? 0),
                reference: deleting?.path ?? '',
              })}
            </p>
            <TagRiskWarning risks={deletingRisks} triggersUnknown={triggersUnknown} />
          </div>
        }
        {...(deletingRisks.size > 0 || triggersUnknown
          ? { acknowledge: t('risks.acknowledge', { count: Math.max(1, deletingRisks.size) }) }
          : {})}
        blockedReason={checking}
        confirmLabel={t('delete.confirm')}
        {...deletion.dialog}
      />
      <DeleteTagsDialog
        open={bulk !== null}
        phase={bulk?.phase ?? 'confirm'}
        repository={fullName}
        tags={bulk?.tags ?? []}
        leftOut={bulk?.leftOut ?? 0}
        progress={batch.progress}
        stopping={stopping}
        outcomes={batch.mutation.data}
        deleteReason={canDelete.reason}
        risks={risksOf(bulk?.tags ?? [])}
        triggersUnknown={triggersUnknown}
        checking={checking}
        onConfirm={() => {
          if (bulk !== null) runBatch(bulk.tags);
        }}
        onStop={() => {
          setStopping(true);
          batch.stop();
        }}
        onRetry={runBatch}
        onClose={() => {
          setBulk(null);
          batch.mutation.reset();
        }}
      />
    </section>
  );
}

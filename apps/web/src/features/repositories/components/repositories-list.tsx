/**
 * Repositories, paged, filtered and sorted by SWR (the state is in the query string): create,
 * edit attributes, and delete (admins, with the full name typed). Used on the Repositories page
 * for every organization, and on an organization's page with the organization fixed.
 */
import type { RepositorySummary } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Pagination } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { SortableTh, Table, Td, Th } from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { RepositoryLink } from '../../../lib/repository-link';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { repositoriesQuery, useDeleteRepository, type RepositoryRef } from '../api';
import { useRepositoryListState } from '../list-state';
import { CreateRepositoryDialog } from './create-repository-dialog';
import { EditRepositoryDialog } from './edit-repository-dialog';
import { RepositoryFilters } from './repository-filters';
import { VisibilityBadge } from './visibility';

export interface RepositoriesListProps {
  region: string;
  /** Shows only this organization's repositories, without the organization filter and column. */
  fixedNamespace?: string;
}

export function RepositoriesList({ region, fixedNamespace }: RepositoriesListProps) {
  const { t } = useTranslation(['repositories', 'common']);
  const format = useFormat();
  const state = useRepositoryListState(fixedNamespace);
  const list = useQuery(repositoriesQuery(region, state.query));
  const canCreate = usePermission('createRepo');
  const canEdit = usePermission('updateRepo');
  const canDelete = usePermission('deleteRepo');
  const remove = useDeleteRepository(region);
  const deletion = useConfirmedMutation(remove, (repo: RepositorySummary) => ({
    namespace: repo.namespace,
    repository: repo.name,
  }));
  const deleting = deletion.target;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<RepositoryRef | undefined>(undefined);
  const [editing, setEditing] = useState<RepositorySummary | undefined>(undefined);

  const items = list.data?.items ?? [];
  // SWR matches the organization by substring; an organization filter means exactly that one.
  const organization = state.query.namespace;
  const rows =
    organization === undefined ? items : items.filter((repo) => repo.namespace === organization);
  const hidden = items.length - rows.length;
  const total = list.data?.total ?? 0;
  const showOrganization = fixedNamespace === undefined;
  const caption =
    fixedNamespace === undefined
      ? t('list.caption')
      : t('list.captionIn', { namespace: fixedNamespace });
  const fullName = (repo: { namespace: string; name: string }) => `${repo.namespace}/${repo.name}`;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <RepositoryFilters region={region} state={state} fixedNamespace={fixedNamespace} />
        <div className="flex shrink-0 gap-2">
          <Button
            busy={list.isFetching && !list.isPending}
            onClick={() => {
              void list.refetch();
            }}
          >
            {t('common:actions.refresh')}
          </Button>
          <Button
            variant="primary"
            disabledReason={canCreate.reason}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('create.open')}
          </Button>
        </div>
      </div>

      {created === undefined ? null : (
        <SuccessNotice
          dismissLabel={t('create.dismiss')}
          onDismiss={() => {
            setCreated(undefined);
          }}
        >
          {t('create.done', { name: `${created.namespace}/${created.repository}` })}{' '}
          <RepositoryLink
            className="font-medium text-primary hover:underline"
            region={region}
            namespace={created.namespace}
            repository={created.repository}
          >
            {t('create.openCreated')}
          </RepositoryLink>
        </SuccessNotice>
      )}

      <QueryState
        query={list}
        what={t('list.failed')}
        loadingLabel={t('list.loading')}
        keepData
        // The rows are the page's repositories of exactly the organization filtered on.
        isEmpty={() => rows.length === 0}
        empty={
          state.offset > 0 && total > 0 ? (
            <EmptyState title={t('list.pastEnd')}>
              <Button
                onClick={() => {
                  state.setPage({ offset: 0, limit: state.limit });
                }}
              >
                {t('list.firstPage')}
              </Button>
            </EmptyState>
          ) : state.filtered ? (
            <EmptyState title={t('list.noMatch')}>
              <Button
                onClick={() => {
                  state.clearFilters();
                }}
              >
                {t('filters.clear')}
              </Button>
            </EmptyState>
          ) : (
            <EmptyState
              title={
                fixedNamespace === undefined
                  ? t('list.empty')
                  : t('list.emptyIn', { namespace: fixedNamespace })
              }
            >
              {t('list.emptyHint')}
            </EmptyState>
          )
        }
      >
        {() => (
          <div
            aria-busy={list.isPlaceholderData || undefined}
            className={cn(list.isPlaceholderData && 'opacity-60')}
          >
            <Table caption={caption}>
              <thead>
                <tr>
                  <SortableTh column="name" sort={state.sort} onSort={state.setSort}>
                    {t('list.name')}
                  </SortableTh>
                  {showOrganization ? (
                    <SortableTh column="organization" sort={state.sort} onSort={state.setSort}>
                      {t('list.organization')}
                    </SortableTh>
                  ) : null}
                  <Th>{t('list.category')}</Th>
                  <Th>{t('list.visibility')}</Th>
                  <SortableTh column="tags" sort={state.sort} onSort={state.setSort}>
                    {t('list.tags')}
                  </SortableTh>
                  {/* Size is the first to go on a laptop's narrower screen. */}
                  <Th className="hidden xl:table-cell">{t('list.size')}</Th>
                  <SortableTh column="updated" sort={state.sort} onSort={state.setSort}>
                    {t('list.updated')}
                  </SortableTh>
                  <Th>
                    <span className="sr-only">{t('list.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((repo) => (
                  <tr key={fullName(repo)} className="hover:bg-hover">
                    <Td>
                      <RepositoryLink
                        className="font-medium text-primary hover:underline"
                        region={region}
                        namespace={repo.namespace}
                        repository={repo.name}
                      >
                        {repo.name}
                      </RepositoryLink>
                      {repo.description === '' ? null : (
                        <p className="line-clamp-1 max-w-xs text-xs text-muted">
                          {repo.description}
                        </p>
                      )}
                    </Td>
                    {showOrganization ? (
                      <Td>
                        <Link
                          className="text-primary hover:underline"
                          to={paths.organization(region, repo.namespace)}
                        >
                          {repo.namespace}
                        </Link>
                      </Td>
                    ) : null}
                    <Td className="xl:whitespace-nowrap">
                      {t(`common:categories.${repo.category}`, { defaultValue: repo.category })}
                    </Td>
                    <Td>
                      <VisibilityBadge isPublic={repo.is_public} />
                    </Td>
                    <Td className="tabular-nums">{format.number(repo.num_images)}</Td>
                    <Td className="hidden whitespace-nowrap xl:table-cell">
                      {format.bytes(repo.size)}
                    </Td>
                    <Td className="whitespace-nowrap">
                      <RelativeTime iso={repo.updated_at} />
                    </Td>
                    <Td className="whitespace-nowrap text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('edit.label', { name: fullName(repo) })}
                        disabledReason={canEdit.reason}
                        onClick={() => {
                          setEditing(repo);
                        }}
                      >
                        {t('common:actions.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('delete.label', { name: fullName(repo) })}
                        disabledReason={canDelete.reason}
                        onClick={() => {
                          deletion.ask(repo);
                        }}
                      >
                        {t('common:actions.delete')}
                      </Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {hidden > 0 ? (
              <p className="mt-2 text-xs text-muted">
                {t('list.hiddenSimilar', { count: hidden, namespace: organization ?? '' })}
              </p>
            ) : null}
          </div>
        )}
      </QueryState>

      {list.data !== undefined && total > 0 ? (
        <Pagination
          offset={state.offset}
          limit={state.limit}
          total={total}
          onChange={state.setPage}
        />
      ) : null}

      {creating ? (
        <CreateRepositoryDialog
          region={region}
          open
          namespace={fixedNamespace ?? (state.filters.namespace || undefined)}
          onClose={() => {
            setCreating(false);
          }}
          onCreated={setCreated}
        />
      ) : null}
      {editing === undefined ? null : (
        <EditRepositoryDialog
          region={region}
          repository={editing}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
      <ConfirmDialog
        title={t('delete.title', { name: deleting === undefined ? '' : fullName(deleting) })}
        effect={
          deleting === undefined
            ? null
            : t('delete.effect', { name: fullName(deleting), count: deleting.num_images })
        }
        confirmLabel={t('delete.confirm')}
        typedName={deleting === undefined ? undefined : fullName(deleting)}
        {...deletion.dialog}
      />
    </div>
  );
}

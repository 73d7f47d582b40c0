/**
 * Organizations of a region: filter, create (admins), delete when empty with the name typed to
 * confirm. The filter is in the query string.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/field';
import { PageHeader } from '../../../components/ui/page-header';
import { SuccessNotice } from '../../../components/ui/success-notice';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlState } from '../../../lib/url-state';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { organizationsQuery, repositoryCountsQuery, useDeleteOrganization } from '../api';
import { CreateOrganizationDialog } from './create-organization-dialog';

export function OrganizationsPage() {
  const { t } = useTranslation(['organizations', 'common']);
  const { region = '' } = useParams();
  const url = useUrlState();
  const filter = url.get('q') ?? '';
  const format = useFormat();
  const organizations = useQuery(organizationsQuery(region));
  const counts = useQuery(repositoryCountsQuery(region));
  const canCreate = usePermission('createNamespace');
  const canDelete = usePermission('deleteNamespaces');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>(undefined);
  const remove = useDeleteOrganization(region);
  const deletion = useConfirmedMutation(remove, (name: string) => name);
  const deleting = deletion.target;
  const visible = (organizations.data ?? []).filter((ns) => ns.name.includes(filter.trim()));

  const repositoryCount = (name: string): number | undefined =>
    counts.data?.counts.get(name) ?? (counts.data ? 0 : undefined);
  const deleteReason = (name: string): string | undefined => {
    if (canDelete.reason !== undefined) return canDelete.reason;
    const count = repositoryCount(name);
    if (count === undefined) return t('list.countingRepositories');
    return count > 0 ? t('delete.notEmpty', { count }) : undefined;
  };

  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <>
            <Button
              onClick={() => {
                void organizations.refetch();
                void counts.refetch();
              }}
            >
              {t('common:actions.refresh')}
            </Button>
            <Button
              variant="primary"
              disabledReason={canCreate.reason}
              onClick={() => {
                setCreated(undefined);
                setCreating(true);
              }}
            >
              {t('create.open')}
            </Button>
          </>
        }
      />
      {created === undefined ? null : (
        <div className="mb-3">
          <SuccessNotice
            dismissLabel={t('create.dismiss')}
            onDismiss={() => {
              setCreated(undefined);
            }}
          >
            {t('create.done', { name: created })}{' '}
            <Link
              className="font-medium text-primary hover:underline"
              to={paths.organization(region, created)}
            >
              {t('create.openCreated')}
            </Link>
          </SuccessNotice>
        </div>
      )}
      <div className="mb-3 max-w-sm">
        <label className="sr-only" htmlFor="organization-filter">
          {t('common:filter.label')}
        </label>
        <Input
          id="organization-filter"
          type="search"
          placeholder={t('common:filter.placeholder')}
          value={filter}
          onChange={(event) => {
            url.set({ q: event.target.value });
          }}
        />
      </div>
      <QueryState
        query={organizations}
        what={t('list.failed')}
        keepData
        // The list shown is the organizations matching the filter.
        isEmpty={() => visible.length === 0}
        empty={
          <EmptyState title={filter === '' ? t('list.empty') : t('list.noMatch', { filter })} />
        }
      >
        {() => (
          <Table caption={t('list.title')}>
            <thead>
              <tr>
                <Th>{t('list.name')}</Th>
                <Th>{t('list.creator')}</Th>
                <Th>{t('list.repositories')}</Th>
                <Th>
                  <span className="sr-only">{t('list.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {visible.map((ns) => {
                const count = repositoryCount(ns.name);
                return (
                  <tr key={ns.name} className="hover:bg-hover">
                    <Td>
                      <Link
                        className="font-medium text-primary hover:underline"
                        to={paths.organization(region, ns.name)}
                      >
                        {ns.name}
                      </Link>
                    </Td>
                    <Td>{ns.creator_name}</Td>
                    <Td>{count === undefined ? '…' : format.number(count)}</Td>
                    <Td className="text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('delete.label', { name: ns.name })}
                        disabledReason={deleteReason(ns.name)}
                        onClick={() => {
                          deletion.ask(ns.name);
                        }}
                      >
                        {t('common:actions.delete')}
                      </Button>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </QueryState>
      <CreateOrganizationDialog
        region={region}
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={setCreated}
      />
      <ConfirmDialog
        title={t('delete.title', { name: deleting ?? '' })}
        effect={t('delete.effect', { name: deleting ?? '' })}
        confirmLabel={t('delete.confirm')}
        typedName={deleting}
        {...deletion.dialog}
      />
    </>
  );
}

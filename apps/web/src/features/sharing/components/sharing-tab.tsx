/**
 * A repository's shares: the accounts that may pull it, until when, expired and soon-expiring
 * shares marked; share with another account, change, remove (admins); check an account (all).
 */
import type { RepositoryShare } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import type { RepositoryTabProps } from '../../../lib/repository-tab';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { sharesQuery, useDeleteShare } from '../api';
import { shareState } from '../share-state';
import { ShareCheck } from './share-check';
import { ShareDialog } from './share-dialog';
import { ShareStateBadge } from './share-state-badge';
import { SectionHeader } from '../../../components/ui/page-header';

type Editing = { share: RepositoryShare | undefined } | undefined;

export function SharingTab({ region, namespace, repository, detail }: RepositoryTabProps) {
  const { t } = useTranslation(['sharing', 'common']);
  const format = useFormat();
  const ref = { region, namespace, repository };
  const shares = useQuery(sharesQuery(ref));
  const canCreate = usePermission('createRepoDomains');
  const canUpdate = usePermission('updateRepoDomains');
  const canDelete = usePermission('deleteRepoDomains');
  const [editing, setEditing] = useState<Editing>(undefined);
  const remove = useDeleteShare(ref);
  const removal = useConfirmedMutation(remove, (account: string) => account);
  const removing = removal.target;
  // States are judged at the time the list was read, so a render never changes them.
  const rows = (shares.data ?? []).map((share) => ({
    share,
    state: shareState(share, shares.dataUpdatedAt),
  }));
  const expiring = rows.filter((row) => row.state.kind === 'expiring').length;
  const expired = rows.filter((row) => row.state.kind === 'expired').length;

  return (
    <section aria-labelledby="sharing-heading" className="flex flex-col gap-4">
      <SectionHeader
        id="sharing-heading"
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <>
            <Button onClick={() => void shares.refetch()}>{t('common:actions.refresh')}</Button>
            <Button
              variant="primary"
              disabledReason={canCreate.reason}
              onClick={() => {
                setEditing({ share: undefined });
              }}
            >
              {t('list.share')}
            </Button>
          </>
        }
      />
      {detail.is_public ? (
        <p role="note" className="rounded-md border border-info/40 bg-info/10 px-3 py-2 text-sm">
          {t('list.publicNote')}
        </p>
      ) : null}
      <QueryState
        query={shares}
        what={t('list.failed')}
        keepData
        // The rows are the shares with their state.
        isEmpty={() => rows.length === 0}
        empty={<EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>}
      >
        {() => (
          <>
            <p className="text-sm text-muted">
              {t('list.summary', { count: rows.length })}
              {expiring > 0 ? ` · ${t('list.summaryExpiring', { count: expiring })}` : ''}
              {expired > 0 ? ` · ${t('list.summaryExpired', { count: expired })}` : ''}
            </p>
            <Table caption={t('list.caption', { name: `${namespace}/${repository}` })}>
              <thead>
                <tr>
                  <Th>{t('list.account')}</Th>
                  <Th>{t('list.permission')}</Th>
                  <Th>{t('list.until')}</Th>
                  <Th>{t('list.state')}</Th>
                  <Th>{t('list.descriptionColumn')}</Th>
                  <Th>{t('list.sharedBy')}</Th>
                  <Th>
                    <span className="sr-only">{t('list.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ share, state }) => (
                  <tr key={share.access_domain} className="hover:bg-hover">
                    <Td className="font-medium">{share.access_domain}</Td>
                    <Td>{share.permit === 'read' ? t('permit.read') : share.permit}</Td>
                    <Td>
                      {share.deadline === 'forever' ? (
                        t('list.forever')
                      ) : (
                        <>
                          <span className="block">{format.dateTime(share.deadline)}</span>
                          <span className="text-xs text-muted">
                            <RelativeTime iso={share.deadline} />
                          </span>
                        </>
                      )}
                    </Td>
                    <Td>
                      <ShareStateBadge state={state} />
                    </Td>
                    <Td className="max-w-xs break-words">
                      {share.description === '' ? (
                        <span className="text-muted">{t('list.noDescription')}</span>
                      ) : (
                        share.description
                      )}
                    </Td>
                    <Td>
                      <span className="block">{share.creator_name}</span>
                      <span className="text-xs text-muted">
                        <RelativeTime iso={share.updated} />
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('list.edit', { account: share.access_domain })}
                        disabledReason={canUpdate.reason}
                        onClick={() => {
                          setEditing({ share });
                        }}
                      >
                        {t('common:actions.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('list.remove', { account: share.access_domain })}
                        disabledReason={canDelete.reason}
                        onClick={() => {
                          removal.ask(share.access_domain);
                        }}
                      >
                        {t('list.removeShort')}
                      </Button>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </QueryState>
      <ShareCheck repository={ref} />
      {editing === undefined ? null : (
        <ShareDialog
          key={editing.share?.access_domain ?? ''}
          repository={ref}
          share={editing.share}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
      <ConfirmDialog
        title={t('remove.title', { account: removing ?? '' })}
        effect={t('remove.effect', {
          account: removing ?? '',
          name: `${namespace}/${repository}`,
        })}
        confirmLabel={t('remove.confirm')}
        {...removal.dialog}
      />
    </section>
  );
}

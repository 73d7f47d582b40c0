/** Automatic sync policies: each pushes new tags to an organization in another region. */
import type { SyncRepo } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Card } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { syncPoliciesQuery, useDeleteSyncPolicy, type RepositoryRef } from '../api';
import { CreatePolicyDialog } from './create-policy-dialog';

export function SyncPolicies({
  repository,
  regions,
  noTargetReason,
}: {
  repository: RepositoryRef;
  regions: readonly string[];
  /** Why nothing can be synced (no other region), or undefined. */
  noTargetReason: string | undefined;
}) {
  const { t } = useTranslation(['sync', 'common']);
  const policies = useQuery(syncPoliciesQuery(repository));
  const canCreate = usePermission('createImageSyncRepo');
  const canDelete = usePermission('deleteImageSyncRepo');
  const [creating, setCreating] = useState(false);
  const remove = useDeleteSyncPolicy(repository);
  const deletion = useConfirmedMutation(remove, (policy: SyncRepo) => ({
    remoteRegionId: policy.remoteRegionId,
    remoteNamespace: policy.remoteNamespace,
  }));
  const deleting = deletion.target;
  const name = `${repository.namespace}/${repository.repository}`;
  const target = (policy: SyncRepo) => `${policy.remoteRegionId} / ${policy.remoteNamespace}`;

  return (
    <Card
      title={t('policy.title')}
      actions={
        <div className="flex gap-2">
          <Button size="sm" onClick={() => void policies.refetch()}>
            {t('common:actions.refresh')}
          </Button>
          <Button
            size="sm"
            variant="primary"
            disabledReason={canCreate.reason ?? noTargetReason}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('policy.create')}
          </Button>
        </div>
      }
    >
      <p className="mb-3 text-sm text-muted">{t('policy.description')}</p>
      <QueryState
        query={policies}
        what={t('policy.failed')}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('policy.empty')} />}
      >
        {(data) => (
          <Table caption={t('policy.caption', { name })}>
            <thead>
              <tr>
                <Th>{t('policy.region')}</Th>
                <Th>{t('policy.organization')}</Th>
                <Th>{t('policy.override')}</Th>
                <Th>{t('policy.created')}</Th>
                <Th>
                  <span className="sr-only">{t('policy.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {data.map((policy) => (
                <tr key={`${policy.remoteRegionId}/${policy.remoteNamespace}`}>
                  <Td>{policy.remoteRegionId}</Td>
                  <Td className="font-medium">{policy.remoteNamespace}</Td>
                  <Td>{policy.override ? t('policy.overrides') : t('policy.keeps')}</Td>
                  <Td>
                    <RelativeTime iso={policy.createdAt} />
                  </Td>
                  <Td className="text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('policy.deleteLabel', { target: target(policy) })}
                      disabledReason={canDelete.reason}
                      onClick={() => {
                        deletion.ask(policy);
                      }}
                    >
                      {t('common:actions.delete')}
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryState>
      {creating ? (
        <CreatePolicyDialog
          repository={repository}
          regions={regions}
          policies={policies.data ?? []}
          onClose={() => {
            setCreating(false);
          }}
        />
      ) : null}
      <ConfirmDialog
        title={t('policy.deleteTitle', { target: deleting === undefined ? '' : target(deleting) })}
        effect={t('policy.deleteEffect', {
          name,
          target: deleting === undefined ? '' : target(deleting),
        })}
        confirmLabel={t('policy.deleteConfirm')}
        {...deletion.dialog}
      />
    </Card>
  );
}

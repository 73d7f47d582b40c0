/**
 * A repository's retention: its policy written as a sentence (SWR allows one per repository),
 * create / edit with the simulator's preview of what would be deleted, delete with a red
 * confirmation, and the logs of the tags retention deleted. Writes need the operator role.
 */
import type { Retention } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Card } from '../../../components/ui/page-header';
import { EmptyState } from '../../../components/ui/states';
import type { RepositoryTabProps } from '../../../lib/repository-tab';
import { useMe, usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { retentionPoliciesQuery, useDeleteRetention } from '../api';
import { RetentionEditor } from './retention-editor';
import { RetentionLogs } from './retention-logs';
import { RetentionSentence } from './retention-sentence';

/** `*` is the only wildcard of an organization scope (as the BFF reads it). */
function inScope(patterns: readonly string[] | null, namespace: string): boolean {
  if (patterns === null) return true;
  return patterns.some((pattern) => {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
    return new RegExp(`^${escaped}$`).test(namespace);
  });
}

/** Why the user may not change this repository's retention, or undefined when they may. */
function useWriteReason(namespace: string): string | undefined {
  const { t } = useTranslation();
  const me = useMe();
  const create = usePermission('createRetention');
  if (create.reason !== undefined) return create.reason;
  return inScope(me.namespaces, namespace)
    ? undefined
    : t('permissions.outsideScope', { patterns: (me.namespaces ?? []).join(', ') });
}

export function RetentionTab({ region, namespace, repository }: RepositoryTabProps) {
  const { t } = useTranslation(['retention', 'common']);
  const policies = useQuery(retentionPoliciesQuery(region, namespace, repository));
  const deletion = useConfirmedMutation(
    useDeleteRetention(region, namespace, repository),
    (shown: Retention) => shown.id,
  );
  const writeReason = useWriteReason(namespace);
  const [editing, setEditing] = useState(false);
  const policy = policies.data?.[0];
  const rule = policy?.rules[0];

  return (
    <div className="flex flex-col gap-4">
      <Card
        title={t('policy.title')}
        actions={
          policies.isSuccess && !editing ? (
            <div className="flex gap-2">
              {policy === undefined ? (
                <Button
                  variant="primary"
                  size="sm"
                  disabledReason={writeReason}
                  onClick={() => {
                    setEditing(true);
                  }}
                >
                  {t('policy.create')}
                </Button>
              ) : (
                <>
                  <Button
                    size="sm"
                    disabledReason={writeReason}
                    onClick={() => {
                      setEditing(true);
                    }}
                  >
                    {t('policy.edit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    disabledReason={writeReason}
                    onClick={() => {
                      deletion.ask(policy);
                    }}
                  >
                    {t('policy.delete')}
                  </Button>
                </>
              )}
            </div>
          ) : undefined
        }
      >
        <p className="mb-3 text-sm text-muted">{t('policy.description')}</p>
        <QueryState
          query={policies}
          what={t('policy.failed')}
          keepData
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState title={t('policy.none')}>{t('policy.noneHelp')}</EmptyState>}
        >
          {(data) => (
            <>
              {rule === undefined ? (
                <p>{t('policy.noRule')}</p>
              ) : (
                <p className="text-base">
                  <RetentionSentence rule={rule} />
                </p>
              )}
              {data.length > 1 ? (
                <p className="mt-2 text-sm text-warning">
                  {t('policy.several', { count: data.length })}
                </p>
              ) : null}
            </>
          )}
        </QueryState>
      </Card>
      {editing ? (
        <RetentionEditor
          region={region}
          namespace={namespace}
          repository={repository}
          policy={policy}
          onDone={() => {
            setEditing(false);
          }}
        />
      ) : null}
      <RetentionLogs region={region} namespace={namespace} repository={repository} />
      <ConfirmDialog
        title={t('delete.title')}
        effect={t('delete.effect', { repository: `${namespace}/${repository}` })}
        confirmLabel={t('delete.confirm')}
        {...deletion.dialog}
      />
    </div>
  );
}

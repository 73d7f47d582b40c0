/**
 * A repository's deploy triggers: what each deploys and on which tags, its state and last
 * result; create (operators), enable or disable, delete, and each one's history.
 */
import type { Trigger } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState, ErrorNotice } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useUrlState } from '../../../lib/url-state';
import type { RepositoryTabProps } from '../../../lib/repository-tab';
import { usePermission } from '../../../lib/session';
import { useConfirmedMutation } from '../../../lib/use-confirmed-mutation';
import { triggersQuery, useDeleteTrigger, useSetTriggerEnabled } from '../api';
import { describeCondition } from '../condition';
import { CreateTriggerDialog } from './create-trigger-dialog';
import { TriggerResultBadge, TriggerStateBadge } from './trigger-badges';
import { TriggerDetailDialog } from './trigger-detail-dialog';
import { SectionHeader } from '../../../components/ui/page-header';

export function TriggersTab({ region, namespace, repository }: RepositoryTabProps) {
  const { t } = useTranslation(['triggers', 'common']);
  const url = useUrlState();
  const ref = { region, namespace, repository };
  const triggers = useQuery(triggersQuery(ref));
  const canCreate = usePermission('createTrigger');
  const canUpdate = usePermission('updateTrigger');
  const canDelete = usePermission('deleteTrigger');
  const [creating, setCreating] = useState(false);
  const toggle = useSetTriggerEnabled(ref);
  const remove = useDeleteTrigger(ref);
  const deletion = useConfirmedMutation(remove, (trigger: Trigger) => trigger.name);
  const deleting = deletion.target;
  const shown = url.get('trigger');
  const name = `${namespace}/${repository}`;

  return (
    <section aria-labelledby="triggers-heading" className="flex flex-col gap-4">
      <SectionHeader
        id="triggers-heading"
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <>
            <Button onClick={() => void triggers.refetch()}>{t('common:actions.refresh')}</Button>
            <Button
              variant="primary"
              disabledReason={canCreate.reason}
              onClick={() => {
                setCreating(true);
              }}
            >
              {t('list.create')}
            </Button>
          </>
        }
      />
      {toggle.isError ? (
        <ErrorNotice
          error={toggle.error}
          what={t(toggle.variables.enable ? 'list.enableFailed' : 'list.disableFailed', {
            name: toggle.variables.name,
          })}
        />
      ) : null}
      <QueryState
        query={triggers}
        what={t('list.failed')}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>}
      >
        {(data) => (
          <Table caption={t('list.caption', { name })}>
            <thead>
              <tr>
                <Th>{t('list.name')}</Th>
                <Th>{t('list.deploysTo')}</Th>
                <Th>{t('list.condition')}</Th>
                <Th>{t('list.state')}</Th>
                <Th>{t('list.lastResult')}</Th>
                <Th>
                  <span className="sr-only">{t('list.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {data.map((trigger) => {
                const enabled = trigger.enable === 'true';
                const last = trigger.trigger_history[0];
                const busy = toggle.isPending && toggle.variables.name === trigger.name;
                return (
                  <tr key={trigger.name} className="hover:bg-hover">
                    <Td>
                      <button
                        type="button"
                        className="font-medium text-primary hover:underline"
                        aria-label={t('list.show', { name: trigger.name })}
                        onClick={() => {
                          url.set({ trigger: trigger.name });
                        }}
                      >
                        {trigger.name}
                      </button>
                    </Td>
                    <Td>
                      <span className="flex flex-wrap items-center gap-1">
                        <Badge tone="info">{t(`mode.${trigger.trigger_mode}Short`)}</Badge>
                        {trigger.trigger_mode === 'cce' ? (
                          <span>{trigger.cluster_name}</span>
                        ) : null}
                      </span>
                      <span className="text-xs text-muted">
                        {t('list.workload', {
                          kind: t(`appType.${trigger.app_type}`),
                          name: trigger.application,
                          namespace: trigger.cluster_ns,
                        })}
                      </span>
                    </Td>
                    <Td className="max-w-xs break-all">{describeCondition(trigger, t)}</Td>
                    <Td>
                      <TriggerStateBadge enabled={enabled} />
                    </Td>
                    <Td>
                      {last === undefined ? (
                        <span className="text-muted">{t('list.neverFired')}</span>
                      ) : (
                        <span className="flex flex-col items-start gap-0.5">
                          <TriggerResultBadge result={last.result} />
                          <span className="text-xs text-muted">
                            <span className="font-mono">{last.tag}</span>,{' '}
                            <RelativeTime iso={last.created_at} />
                          </span>
                        </span>
                      )}
                    </Td>
                    <Td className="whitespace-nowrap text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        busy={busy}
                        aria-label={t(enabled ? 'list.disableLabel' : 'list.enableLabel', {
                          name: trigger.name,
                        })}
                        disabledReason={canUpdate.reason}
                        onClick={() => {
                          toggle.mutate({ name: trigger.name, enable: !enabled });
                        }}
                      >
                        {enabled ? t('list.disable') : t('list.enable')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('list.deleteLabel', { name: trigger.name })}
                        disabledReason={canDelete.reason}
                        onClick={() => {
                          deletion.ask(trigger);
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
      {creating ? (
        <CreateTriggerDialog
          repository={ref}
          triggers={triggers.data ?? []}
          onClose={() => {
            setCreating(false);
          }}
        />
      ) : null}
      {shown === undefined ? null : (
        <TriggerDetailDialog
          key={shown}
          repository={ref}
          name={shown}
          onClose={() => {
            url.set({ trigger: undefined });
          }}
        />
      )}
      <ConfirmDialog
        title={t('delete.title', { name: deleting?.name ?? '' })}
        effect={t('delete.effect', {
          name: deleting?.name ?? '',
          repository: name,
          workload: deleting?.application ?? '',
        })}
        confirmLabel={t('delete.confirm')}
        {...deletion.dialog}
      />
    </section>
  );
}

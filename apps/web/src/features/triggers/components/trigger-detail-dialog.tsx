/** One trigger: where it deploys, what fires it, and its history of rollouts, newest first. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Dialog } from '../../../components/ui/dialog';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { triggerQuery, type RepositoryRef } from '../api';
import { describeCondition } from '../condition';
import { TriggerResultBadge, TriggerStateBadge } from './trigger-badges';

export function TriggerDetailDialog({
  repository,
  name,
  onClose,
}: {
  repository: RepositoryRef;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation(['triggers', 'common']);
  const trigger = useQuery(triggerQuery(repository, name));
  return (
    <Dialog open wide title={t('detail.title', { name })} onClose={onClose}>
      <QueryState query={trigger} what={t('detail.failed', { name })} keepData>
        {(data) => (
          <>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted">{t('detail.state')}</dt>
              <dd>
                <TriggerStateBadge enabled={data.enable === 'true'} />
              </dd>
              <dt className="text-muted">{t('detail.target')}</dt>
              <dd>
                {data.trigger_mode === 'cce'
                  ? t('detail.cce', { cluster: data.cluster_name, id: data.cluster_id })
                  : t('mode.cci')}
              </dd>
              <dt className="text-muted">{t('detail.workload')}</dt>
              <dd>
                {t('detail.workloadValue', {
                  kind: t(`appType.${data.app_type}`),
                  name: data.application,
                  namespace: data.cluster_ns,
                })}
              </dd>
              <dt className="text-muted">{t('detail.container')}</dt>
              <dd>{data.container === '' ? t('detail.allContainers') : data.container}</dd>
              <dt className="text-muted">{t('detail.condition')}</dt>
              <dd className="break-all">{describeCondition(data, t)}</dd>
              <dt className="text-muted">{t('detail.created')}</dt>
              <dd>
                {data.creator_name}, <RelativeTime iso={data.created_at} />
              </dd>
            </dl>
            <h3 className="mt-2 font-semibold">{t('detail.history')}</h3>
            {data.trigger_history.length === 0 ? (
              <EmptyState title={t('detail.noHistory')}>{t('detail.noHistoryHint')}</EmptyState>
            ) : (
              <div className="max-h-96 overflow-y-auto">
                <Table caption={t('detail.historyCaption', { name })}>
                  <thead>
                    <tr>
                      <Th>{t('detail.result')}</Th>
                      <Th>{t('detail.tag')}</Th>
                      <Th>{t('detail.detail')}</Th>
                      <Th>{t('detail.time')}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trigger_history.map((entry, index) => (
                      <tr key={`${entry.created_at}-${entry.tag}-${String(index)}`}>
                        <Td>
                          <TriggerResultBadge result={entry.result} />
                        </Td>
                        <Td className="whitespace-nowrap font-mono">{entry.tag}</Td>
                        <Td className="break-words">{entry.detail}</Td>
                        <Td className="whitespace-nowrap">
                          <RelativeTime iso={entry.created_at} />
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </Dialog>
  );
}

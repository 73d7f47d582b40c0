/**
 * Recent changes: the latest SWR changes made through the console in this region, from the audit
 * trail. Only admins may read the trail; everyone else is told so instead of seeing an error.
 */
import type { AuditRecordShape } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { paths } from '../../../lib/paths';
import { useMe } from '../../../lib/session';
import { recentChangesQuery } from '../api';
import { changeKind, changeTarget } from '../summaries';
import { QueryState } from '../../../components/ui/query-state';
import { OverviewCard } from './overview-card';

const OUTCOME_TONES: Record<AuditRecordShape['outcome'], BadgeTone> = {
  success: 'success',
  failure: 'danger',
  denied: 'danger',
  pending: 'warning',
};

export function RecentChangesCard({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const me = useMe();
  const isAdmin = me.user.role === 'admin';

  return (
    <OverviewCard
      title={t('changes.title')}
      description={t('changes.description')}
      footer={
        isAdmin ? (
          <Link className="text-primary hover:underline" to={paths.audit(region)}>
            {t('changes.openAudit')}
          </Link>
        ) : undefined
      }
    >
      {isAdmin ? (
        <RecentChangesList region={region} />
      ) : (
        <p role="note" className="rounded-md border border-border bg-hover px-3 py-2 text-sm">
          {t('changes.adminsOnly', { role: t(`common:roles.${me.user.role}`) })}
        </p>
      )}
    </OverviewCard>
  );
}

function RecentChangesList({ region }: { region: string }) {
  const { t } = useTranslation(['overview', 'common']);
  const changes = useQuery(recentChangesQuery(region));
  return (
    <QueryState query={changes} what={t('changes.failed')}>
      {(records) =>
        records.length === 0 ? (
          <EmptyState title={t('changes.empty')} />
        ) : (
          <ul aria-label={t('changes.listLabel')} className="flex flex-col divide-y divide-border">
            {records.map((record) => {
              const kind = changeKind(record);
              const target = changeTarget(record);
              return (
                <li key={record.id} className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="min-w-0 text-sm">
                      <span className="font-medium">
                        {t(`events.${kind}`, { defaultValue: kind })}
                      </span>
                      {target.path === undefined ? null : (
                        <>
                          {' '}
                          <span className="font-mono break-all">{target.path}</span>
                        </>
                      )}
                      {target.detail === undefined ? null : (
                        <span className="text-muted"> ({target.detail})</span>
                      )}
                    </p>
                    <Badge tone={OUTCOME_TONES[record.outcome]}>
                      {t(`changes.outcomes.${record.outcome}`)}
                    </Badge>
                  </div>
                  <p className="text-xs text-muted">
                    {record.actor?.name ?? t('changes.unknownActor')}
                    {' · '}
                    <RelativeTime iso={record.ts} />
                  </p>
                </li>
              );
            })}
          </ul>
        )
      }
    </QueryState>
  );
}

/**
 * A repository's image sync to other regions: automatic policies (new pushes), a manual sync of
 * chosen tags with the tags that failed reported, and the history of sync jobs.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Card, SectionHeader } from '../../../components/ui/page-header';
import type { RepositoryTabProps } from '../../../lib/repository-tab';
import { useMe, usePermission } from '../../../lib/session';
import { ManualSyncDialog, type ManualSyncResult } from './manual-sync-dialog';
import { SyncJobs } from './sync-jobs';
import { SyncPolicies } from './sync-policies';

export function SyncTab({ region, namespace, repository }: RepositoryTabProps) {
  const { t } = useTranslation(['sync', 'common']);
  const me = useMe();
  const ref = { region, namespace, repository };
  const regions = me.regions.map((option) => option.id).filter((id) => id !== region);
  const noTargetReason = regions.length === 0 ? t('noOtherRegion') : undefined;
  const canSync = usePermission('createManualImageSyncRepo');
  const [syncing, setSyncing] = useState(false);
  const [result, setResult] = useState<ManualSyncResult | undefined>(undefined);

  return (
    <section aria-labelledby="sync-heading" className="flex flex-col gap-4">
      <SectionHeader id="sync-heading" title={t('title')} description={t('description')} />
      <SyncPolicies repository={ref} regions={regions} noTargetReason={noTargetReason} />
      <Card
        title={t('manual.heading')}
        actions={
          <Button
            size="sm"
            variant="primary"
            disabledReason={canSync.reason ?? noTargetReason}
            onClick={() => {
              setSyncing(true);
            }}
          >
            {t('manual.open')}
          </Button>
        }
      >
        <p className="text-sm text-muted">{t('manual.description')}</p>
        {result === undefined ? null : <ManualSyncOutcome result={result} />}
      </Card>
      <SyncJobs repository={ref} />
      {syncing ? (
        <ManualSyncDialog
          repository={ref}
          regions={regions}
          onClose={() => {
            setSyncing(false);
          }}
          onSynced={setResult}
        />
      ) : null}
    </section>
  );
}

/** What the last manual sync answered: all synced, or which tags failed. */
function ManualSyncOutcome({ result }: { result: ManualSyncResult }) {
  const { t } = useTranslation('sync');
  const target = `${result.target.remoteRegionId} / ${result.target.remoteNamespace}`;
  if (result.failed.length === 0) {
    return (
      <p
        role="status"
        className="mt-3 rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm"
      >
        {t('manual.allSynced', { count: result.tags.length, target })}
      </p>
    );
  }
  return (
    <div
      role="alert"
      className="mt-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm"
    >
      <p className="font-medium">
        {t('manual.someFailed', {
          count: result.failed.length,
          total: result.tags.length,
          target,
        })}
      </p>
      <ul aria-label={t('manual.failedTags')} className="mt-1 flex flex-wrap gap-1">
        {result.failed.map((tag) => (
          <li key={tag} className="rounded border border-danger/50 px-1.5 font-mono text-xs">
            {tag}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-muted">{t('manual.failedHint')}</p>
    </div>
  );
}

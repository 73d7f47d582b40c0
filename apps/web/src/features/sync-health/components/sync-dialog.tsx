/**
 * The confirmation before a manual sync: what goes where, every tag listed, and, when there are
 * more than SWR takes at once, how many requests it takes. "Sync the missing" copies the missing
 * tags without touching what the target holds; the tags with another digest are a separate
 * choice, as syncing them replaces the target's copies (override). "Retry failed" syncs again the
 * failed jobs' tags the target still lacks, as the automatic policy would (its override).
 */
import { MANUAL_SYNC_TAGS_MAX } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { RadioGroup } from '../../../components/ui/radio-group';
import { useFormat } from '../../../lib/format';
import type { SyncPlan } from '../api';
import { chunks, rowNames, type HealthRow } from '../rows';
import { TagList } from './tag-list';
import type { SyncAction } from './use-sync-gate';

type Choice = 'missing' | 'all';

export interface SyncDialogProps {
  row: HealthRow;
  action: SyncAction;
  busy: boolean;
  /** The request being sent, while sending. */
  progress: { index: number; total: number } | undefined;
  onConfirm: (plan: SyncPlan) => void;
  onClose: () => void;
}

/** The tags and override a choice stands for. */
function planOf(row: HealthRow, action: SyncAction, choice: Choice): SyncPlan {
  if (action === 'retry') return { row, tags: row.failedTags, override: row.override };
  if (choice === 'missing') return { row, tags: row.missing, override: false };
  return { row, tags: [...row.missing, ...row.differing], override: true };
}

export function SyncDialog({ row, action, busy, progress, onConfirm, onClose }: SyncDialogProps) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const [choice, setChoice] = useState<Choice>(row.missing.length > 0 ? 'missing' : 'all');
  const plan = planOf(row, action, choice);
  const count = plan.tags.length;
  const requests = chunks(plan.tags, MANUAL_SYNC_TAGS_MAX).length;
  const names = rowNames(row);
  const confirmKey = action === 'retry' ? 'dialog.retryConfirm' : 'dialog.confirm';
  return (
    <Dialog
      open
      wide
      title={t(action === 'retry' ? 'dialog.retryTitle' : 'dialog.syncTitle')}
      onClose={() => {
        if (!busy) onClose();
      }}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            variant={plan.override && action === 'sync' ? 'danger' : 'primary'}
            busy={busy}
            onClick={() => {
              onConfirm(plan);
            }}
          >
            {t(confirmKey, { count, formatted: format.number(count) })}
          </Button>
        </>
      }
    >
      <p className="text-sm">{t('dialog.from', { ...names, region: row.repository.region })}</p>
      {action === 'retry' ? (
        <RetryEffect row={row} />
      ) : (
        <SyncChoice row={row} choice={choice} onChoice={setChoice} disabled={busy} />
      )}
      <div className="flex flex-col gap-1 text-sm">
        <p className="font-medium">{t('dialog.tags')}</p>
        <TagList label={t('dialog.tags')} tags={plan.tags} />
      </div>
      {requests > 1 ? (
        <p className="text-sm">
          {t('dialog.requests', { max: MANUAL_SYNC_TAGS_MAX, count: requests })}
        </p>
      ) : null}
      {progress === undefined ? null : (
        <p role="status" className="text-sm text-muted">
          {t('dialog.sending', { index: progress.index + 1, total: progress.total })}
        </p>
      )}
    </Dialog>
  );
}

function RetryEffect({ row }: { row: HealthRow }) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const count = row.failedTags.length;
  return (
    <p className="text-sm">
      {t('dialog.retryEffect', { count, formatted: format.number(count) })}{' '}
      {t(row.override ? 'dialog.retryOverride' : 'dialog.retryNoOverride')}
    </p>
  );
}

function SyncChoice({
  row,
  choice,
  onChoice,
  disabled,
}: {
  row: HealthRow;
  choice: Choice;
  onChoice: (choice: Choice) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const missing = row.missing.length;
  const all = missing + row.differing.length;
  if (missing === 0) {
    return (
      <p className="text-sm">
        {t('dialog.differingOnly', { count: all, formatted: format.number(all) })}
      </p>
    );
  }
  if (row.differing.length === 0) {
    return <p className="text-sm">{t('dialog.onlyMissingHelp')}</p>;
  }
  return (
    <RadioGroup<Choice>
      legend={t('dialog.what')}
      value={choice}
      onChange={onChoice}
      disabled={disabled}
      options={[
        {
          value: 'missing',
          label: t('dialog.onlyMissing', { count: missing, formatted: format.number(missing) }),
          description: t('dialog.onlyMissingHelp'),
        },
        {
          value: 'all',
          label: t('dialog.withDiffering', { count: all, formatted: format.number(all) }),
          description: t('dialog.withDifferingHelp'),
        },
      ]}
    />
  );
}

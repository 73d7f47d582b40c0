/** A sync job's status as a coloured badge with text. */
import type { SyncJobStatus } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';

const TONES: Record<SyncJobStatus, BadgeTone> = {
  waiting: 'neutral',
  running: 'info',
  success: 'success',
  failed: 'danger',
  timeout: 'danger',
  cancel: 'neutral',
  existed: 'warning',
};

export function SyncStatusBadge({ status }: { status: SyncJobStatus }) {
  const { t } = useTranslation('sync');
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}

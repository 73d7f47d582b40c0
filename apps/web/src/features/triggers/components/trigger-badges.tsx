/** A trigger's state and a rollout's result, as badges with text. */
import type { TriggerHistory } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';

export function TriggerStateBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('triggers');
  return enabled ? (
    <Badge tone="success">{t('state.enabled')}</Badge>
  ) : (
    <Badge tone="neutral">{t('state.disabled')}</Badge>
  );
}

export function TriggerResultBadge({ result }: { result: TriggerHistory['result'] }) {
  const { t } = useTranslation('triggers');
  return result === 'success' ? (
    <Badge tone="success">{t('result.success')}</Badge>
  ) : (
    <Badge tone="danger">{t('result.failed')}</Badge>
  );
}

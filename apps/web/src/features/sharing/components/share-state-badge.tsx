/** A share's state as a badge with text: valid, forever, expiring in N days, or expired. */
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import type { ShareState } from '../share-state';

export function ShareStateBadge({ state }: { state: ShareState }) {
  const { t } = useTranslation('sharing');
  switch (state.kind) {
    case 'forever':
      return <Badge tone="success">{t('state.forever')}</Badge>;
    case 'valid':
      return <Badge tone="success">{t('state.valid')}</Badge>;
    case 'expiring':
      return (
        <Badge tone="warning">
          {state.days === 0 ? t('state.expiringToday') : t('state.expiring', { count: state.days })}
        </Badge>
      );
    case 'expired':
      return <Badge tone="danger">{t('state.expired')}</Badge>;
  }
}

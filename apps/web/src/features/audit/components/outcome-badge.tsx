/** An audit outcome as a coloured badge with its name. */
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import type { AuditOutcome } from '../api';

const TONES: Record<AuditOutcome, BadgeTone> = {
  success: 'success',
  failure: 'danger',
  denied: 'warning',
  pending: 'info',
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { t } = useTranslation(['audit']);
  return <Badge tone={TONES[outcome]}>{t(`outcomes.${outcome}`)}</Badge>;
}

/** How many sync targets the answer holds, and how many are in each status (the most pressing). */
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { useFormat } from '../../../lib/format';
import { STATUSES, type Status } from '../rows';
import { STATUS_TONES } from './health-table';

export function Summary({ counts, total }: { counts: Record<Status, number>; total: number }) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium">
        {t('summary.total', { count: total, formatted: format.number(total) })}
      </span>
      <ul aria-label={t('summary.label')} className="flex flex-wrap gap-1">
        {STATUSES.filter((status) => counts[status] > 0).map((status) => (
          <li key={status}>
            <Badge tone={STATUS_TONES[status]}>
              {t('summary.count', {
                status: t(`status.${status}`),
                amount: format.number(counts[status]),
              })}
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}

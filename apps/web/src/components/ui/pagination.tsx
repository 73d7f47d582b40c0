/** "21–40 of 1,234", page size, previous and next: server-side paging state lives in the URL. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Button } from './button';
import { Select } from './field';

export const PAGE_SIZES = [20, 50, 100] as const;

export interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (page: { offset: number; limit: number }) => void;
}

export function Pagination({ offset, limit, total, onChange }: PaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav
      aria-label={t('pagination.label')}
      className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm"
    >
      <span aria-live="polite">
        {t('pagination.range', {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
        })}
      </span>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          <span className="text-muted">{t('pagination.pageSize')}</span>
          <Select
            className="w-20"
            value={limit}
            onChange={(event) => {
              onChange({ offset: 0, limit: Number(event.target.value) });
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
        <Button
          size="sm"
          disabled={offset === 0}
          onClick={() => {
            onChange({ offset: Math.max(0, offset - limit), limit });
          }}
        >
          {t('pagination.previous')}
        </Button>
        <Button
          size="sm"
          disabled={last >= total}
          onClick={() => {
            onChange({ offset: offset + limit, limit });
          }}
        >
          {t('pagination.next')}
        </Button>
      </div>
    </nav>
  );
}

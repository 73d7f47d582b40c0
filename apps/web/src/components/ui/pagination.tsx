/**
 * "21–40 of 1,234 · page 2 of 62", page size, first/previous/next/last (always all four, so every
 * list looks and works the same; the ones that cannot move are disabled). Server-side paging state
 * lives in the URL; this only reports changes. Lists that can be very long (tags: SWR allows up to
 * 1,000 per page) pass their own `pageSizes`.
 */
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
  pageSizes?: readonly number[];
}

export function Pagination({
  offset,
  limit,
  total,
  onChange,
  pageSizes = PAGE_SIZES,
}: PaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = total === 0 ? 0 : Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const atStart = offset === 0;
  const atEnd = last >= total;
  const go = (nextOffset: number) => {
    onChange({ offset: nextOffset, limit });
  };
  return (
    <nav
      aria-label={t('pagination.label')}
      className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm"
    >
      <p>
        <span aria-live="polite">
          {t('pagination.range', {
            first: format.number(first),
            last: format.number(last),
            total: format.number(total),
          })}
        </span>
        {pages > 1 && (
          <span className="text-muted">
            {' · '}
            {t('pagination.page', { page: format.number(page), pages: format.number(pages) })}
          </span>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          <span className="whitespace-nowrap text-muted">{t('pagination.pageSize')}</span>
          <Select
            // `!`: the control's own `w-full` would otherwise win or lose by stylesheet order.
            className="w-24!"
            value={limit}
            onChange={(event) => {
              onChange({ offset: 0, limit: Number(event.target.value) });
            }}
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {format.number(size)}
              </option>
            ))}
          </Select>
        </label>
        <Button
          size="sm"
          disabled={atStart}
          onClick={() => {
            go(0);
          }}
        >
          {t('pagination.first')}
        </Button>
        <Button
          size="sm"
          disabled={atStart}
          onClick={() => {
            go(Math.max(0, offset - limit));
          }}
        >
          {t('pagination.previous')}
        </Button>
        <Button
          size="sm"
          disabled={atEnd}
          onClick={() => {
            go(offset + limit);
          }}
        >
          {t('pagination.next')}
        </Button>
        <Button
          size="sm"
          disabled={atEnd}
          onClick={() => {
            go((pages - 1) * limit);
          }}
        >
          {t('pagination.last')}
        </Button>
      </div>
    </nav>
  );
}

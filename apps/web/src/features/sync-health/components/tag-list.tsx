/**
 * A list of tags, capped: the first {@link TAGS_SHOWN} and "and N more", with a button that shows
 * them all (in a box that scrolls). A repository may lack hundreds of tags in its target.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { useFormat } from '../../../lib/format';

export const TAGS_SHOWN = 30;

export function TagList({
  label,
  tags,
  showAll = true,
}: {
  label: string;
  tags: readonly string[];
  /** Offer the button that shows every tag. */
  showAll?: boolean;
}) {
  const { t } = useTranslation('sync-health');
  const format = useFormat();
  const [all, setAll] = useState(false);
  const shown = all ? tags : tags.slice(0, TAGS_SHOWN);
  const more = tags.length - shown.length;
  return (
    <div className="flex flex-col gap-1">
      <ul
        aria-label={label}
        className="flex max-h-64 flex-wrap gap-1 overflow-y-auto"
        tabIndex={all ? 0 : undefined}
      >
        {shown.map((tag) => (
          <li key={tag} className="rounded border border-border px-1.5 font-mono text-xs">
            {tag}
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-muted">
          {t('details.andMore', { count: more, formatted: format.number(more) })}
          {showAll ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setAll(true);
              }}
            >
              {t('details.showAll', { formatted: format.number(tags.length) })}
            </Button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

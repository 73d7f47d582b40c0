/**
 * "More jobs": a disclosure of the kinds of job beyond the tag clean-up that the user may start,
 * each a link that opens its form in the page (`?new=<kind>`, the page's other parameters kept).
 * Escape, a click outside it, or moving the focus out of it closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Button } from '../../../components/ui/button';
import { newParam, type TemplateKind } from '../kinds';

/** The page's query string with the form of `kind` open (and no repository a link chose). */
function searchFor(current: string, kind: TemplateKind): string {
  const params = new URLSearchParams(current);
  params.set('new', newParam(kind));
  params.delete('repository');
  return `?${params.toString()}`;
}

export function NewJobMenu({ kinds }: { kinds: readonly TemplateKind[] }) {
  const { t } = useTranslation(['jobs', 'common']);
  const panelId = useId();
  const { search } = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const outside = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target) !== true) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
    };
  }, [open]);
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
      onBlur={(event) => {
        // Only a focus that went elsewhere (a browser may focus nothing on a click of a link).
        const next = event.relatedTarget;
        if (next !== null && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <Button
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((current) => !current);
        }}
      >
        {t('newJob.menu.button')}
        <span aria-hidden="true">▾</span>
      </Button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-1 w-80 rounded-md border border-border bg-card p-1 shadow-lg"
      >
        <ul className="flex flex-col">
          {kinds.map((kind) => (
            <li key={kind} className="rounded px-3 py-2 hover:bg-hover">
              <Link
                className="block text-sm font-medium text-primary hover:underline"
                to={{ search: searchFor(search, kind) }}
                aria-describedby={`${panelId}-${kind}`}
                onClick={() => {
                  setOpen(false);
                }}
              >
                {t(`newJob.${kind}.menu`)}
              </Link>
              <p id={`${panelId}-${kind}`} className="text-xs text-muted">
                {t(`newJob.${kind}.menuHelp`)}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

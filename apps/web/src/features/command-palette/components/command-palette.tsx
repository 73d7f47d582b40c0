/**
 * The command palette (Ctrl/⌘+K): one field that finds pages, actions, organizations and
 * repositories of every region, and the tags of the repository in view. The field is a combobox:
 * the arrow keys move through the list, Enter opens what is marked, Escape closes.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation, useNavigate, useParams } from 'react-router';
import { Dialog } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/field';
import { cn } from '../../../lib/cn';
import { changeLanguage, type Language } from '../../../lib/i18n';
import { ROUTES, repositoryParam } from '../../../lib/paths';
import type { RepositoryRef } from '../../../lib/query-keys';
import { useMe } from '../../../lib/session';
import { searchQuery, tagSearchQuery } from '../api';
import { paletteSections, type Entry, type Section } from '../commands';

export interface CommandPaletteProps {
  onClose: () => void;
  /** Opens the keyboard shortcuts' overlay (the palette closes first). */
  onHelp: () => void;
}

/** The repository the address names, if it names one. */
function repositoryInView(pathname: string): RepositoryRef | undefined {
  const match =
    matchPath(ROUTES.repository, pathname) ?? matchPath(ROUTES.repositoryHome, pathname);
  const { region, namespace, repository } = match?.params ?? {};
  if (region === undefined || namespace === undefined || repository === undefined) return undefined;
  return { region, namespace, repository: repositoryParam(repository) };
}

/** The searches for `text` (deferred: typing stays quick), and what they found. */
function useFound(text: string, region: string, repository: RepositoryRef | undefined) {
  const found = useQuery(searchQuery(text, region));
  const tagQuery = repository === undefined ? undefined : tagSearchQuery(repository, text);
  const tags = useQuery({
    ...tagSearchQuery(repository ?? { region, namespace: '', repository: '' }, text),
    enabled: tagQuery?.enabled === true,
  });
  return {
    found: found.data,
    tags: (tags.data?.items ?? []).map((tag) => tag.Tag),
    searching: found.isFetching || tags.isFetching,
    failed: found.isError,
  };
}

function Status({
  text,
  count,
  found,
}: {
  text: string;
  count: number;
  found: ReturnType<typeof useFound>;
}) {
  const { t } = useTranslation(['command-palette', 'common']);
  const building = found.found?.regions.filter((region) => region.status === 'never') ?? [];
  let message: string;
  if (text.trim() === '') message = t('status.hint');
  else if (found.failed) message = t('status.failed');
  else if (found.searching) message = t('status.searching');
  else message = t('status.count', { count });
  return (
    <p role="status" className="text-xs text-muted">
      {message}
      {building.length > 0
        ? ` ${t('status.building', { regions: building.map((region) => region.id).join(', ') })}`
        : null}
    </p>
  );
}

export function CommandPalette({ onClose, onHelp }: CommandPaletteProps) {
  const { t, i18n } = useTranslation(['command-palette', 'common']);
  const me = useMe();
  const { region = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // After the dialog opened (its effect runs before this one), which focused its first button.
  useEffect(() => {
    field.current?.focus();
  }, []);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(text);
  const repository = repositoryInView(location.pathname);
  const found = useFound(deferred, region, repository);
  const sections = paletteSections(
    text,
    {
      t,
      role: me.user.role,
      region,
      regions: me.regions.map((option) => option.id),
      language: i18n.language,
      repository,
    },
    found.found,
    found.tags,
  );
  const entries = sections.flatMap((section) => section.entries);
  const marked = entries[Math.min(active, entries.length - 1)];
  const listId = useId();
  const optionId = (entry: Entry) => `${listId}-${entry.id}`;

  const open = (entry: Entry) => {
    if (entry.run?.kind === 'help') {
      onHelp();
      return;
    }
    if (entry.run?.kind === 'language') changeLanguage(entry.run.code as Language);
    if (entry.to !== undefined) void navigate(entry.to);
    onClose();
  };
  const move = (by: number) => {
    if (entries.length === 0) return;
    const from = Math.min(active, entries.length - 1);
    setActive((from + by + entries.length) % entries.length);
  };

  return (
    <Dialog open wide title={t('title')} onClose={onClose}>
      <Input
        role="combobox"
        aria-label={t('field')}
        aria-expanded={entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={marked === undefined ? undefined : optionId(marked)}
        ref={field}
        placeholder={t('placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
          const by = moves[event.key];
          if (by !== undefined) {
            event.preventDefault();
            move(by);
          } else if (event.key === 'Enter' && marked !== undefined) {
            event.preventDefault();
            open(marked);
          }
        }}
      />
      <Status text={deferred} count={entries.length} found={found} />
      <Results
        id={listId}
        sections={sections}
        marked={marked}
        optionId={optionId}
        onOpen={open}
        onMark={(entry) => {
          setActive(entries.indexOf(entry));
        }}
      />
    </Dialog>
  );
}

interface ResultsProps {
  id: string;
  sections: Section[];
  marked: Entry | undefined;
  optionId: (entry: Entry) => string;
  onOpen: (entry: Entry) => void;
  onMark: (entry: Entry) => void;
}

function Results({ id, sections, marked, optionId, onOpen, onMark }: ResultsProps) {
  const { t } = useTranslation(['command-palette', 'common']);
  return (
    <div id={id} role="listbox" aria-label={t('results')} className="max-h-[60vh] overflow-y-auto">
      {sections.map((section) => (
        <div key={section.id} role="group" aria-labelledby={`${id}-${section.id}`}>
          <div
            id={`${id}-${section.id}`}
            role="presentation"
            className="px-2 pb-1 pt-3 text-xs font-semibold uppercase text-muted"
          >
            {section.label}
          </div>
          {section.entries.map((entry) => (
            <div
              key={entry.id}
              id={optionId(entry)}
              role="option"
              aria-selected={entry === marked}
              onMouseMove={() => {
                if (entry !== marked) onMark(entry);
              }}
              onClick={() => {
                onOpen(entry);
              }}
              className={cn(
                'flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1.5 text-sm',
                entry === marked ? 'bg-hover' : undefined,
              )}
            >
              <span className="truncate">{entry.label}</span>
              {entry.detail === undefined ? null : (
                <span className="shrink-0 text-xs text-muted">{entry.detail}</span>
              )}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

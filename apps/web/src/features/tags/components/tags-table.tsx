/**
 * One server page of tags as a table. Up to 100 rows render as they are; a larger page (up to
 * 1,000) scrolls inside its own region and renders only the rows in view (@tanstack/react-virtual),
 * with spacer rows keeping the scroll height. Rows have one fixed height, so the virtualizer
 * needs no measuring. Screen readers still learn each row's place in the whole list from
 * `aria-rowcount` and `aria-rowindex`; the region takes the keyboard focus, so arrow and page
 * keys scroll it.
 *
 * Kept cheap per frame: the table and its rows are memoized (a row re-renders only when its tag,
 * place, selection or permission changes); a row's texts (labels, size, times) are made once per
 * tag and language and handed to it, so a row mounting while scrolling neither subscribes to
 * i18next nor formats anything again; and the virtualizer re-renders in React's own time rather
 * than synchronously inside each scroll event.
 */
import type { TagDetail } from '@swr-dashboard/swr-client/browser';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CopyTextButton } from '../../../components/ui/copy-button';
import { TimeText } from '../../../components/ui/relative-time';
import { SortableTh, Th, type SortState } from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { useFormat, type Format } from '../../../lib/format';
import type { Protection } from '../../../lib/protected-tags';
import { useVirtualRows } from '../../../lib/virtual-rows';
import { shortDigest } from '../commands';

/** A tag's name, which opens its image. */
const TAG_LINK = 'truncate text-primary hover:underline';

/** Pages longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;
const COLUMNS = 7;

export interface TagsTableProps {
  caption: string;
  tags: readonly TagDetail[];
  /** The page's offset and the total across pages, for each row's place in the whole list. */
  offset: number;
  total: number;
  sort: SortState;
  onSort: (sort: SortState) => void;
  selected: ReadonlySet<string>;
  onSelect: (tags: readonly string[], selected: boolean) => void;
  /** Why tags cannot be deleted (and so not selected), if they cannot. */
  deleteReason: string | undefined;
  /** Which pattern protects a tag (marked, not deletable, not selectable), if any. */
  protection: Protection;
  onPull: (tag: TagDetail) => void;
  onDelete: (tag: TagDetail) => void;
  /** The address of a tag's image page, which its name links to. */
  imageHref: (tag: string) => string;
  busy: boolean;
  /** When the page was fetched (ms): relative times ("3 minutes ago") are made again after each. */
  fetchedAt: number;
}

/** What every row shows alike, in the current language. */
interface RowWords {
  pull: string;
  delete: string;
  copy: string;
  copied: string;
  protectedBadge: string;
  /** The badge's title, naming the pattern. */
  protectedTitle: (pattern: string) => string;
  /** Why a protected tag cannot be deleted, naming its pattern. */
  protectedReason: (pattern: string) => string;
}

/** What one row shows of its tag, in the current language. */
interface RowTexts {
  /** The tag's image page. */
  href: string;
  select: string;
  copyDigest: string;
  openPull: string;
  delete: string;
  size: string;
  digest: string;
  created: TimeTexts;
  updated: TimeTexts;
}

/** "3 days ago", and the exact time for the title (as RelativeTime shows it). */
interface TimeTexts {
  text: string;
  title: string;
}

/**
 * Each tag's row texts in one language, relative to `now`, made the first time the tag's row
 * shows and kept until the language or `now` changes (a memo: the same tag gets the same texts).
 */
function rowTexts(
  t: TFunction<['tags', 'common']>,
  format: Format,
  now: number,
  imageHref: (tag: string) => string,
): (tag: TagDetail) => RowTexts {
  const made = new WeakMap<TagDetail, RowTexts>();
  const time = (iso: string): TimeTexts => ({
    text: format.relative(iso, now),
    title: format.dateTime(iso),
  });
  return (tag) => {
    let texts = made.get(tag);
    if (texts === undefined) {
      texts = {
        href: imageHref(tag.Tag),
        select: t('select.one', { tag: tag.Tag }),
        copyDigest: t('digest.copy', { tag: tag.Tag }),
        openPull: t('pull.open', { tag: tag.Tag }),
        delete: t('delete.label', { tag: tag.Tag }),
        size: format.bytes(tag.size),
        digest: shortDigest(tag.digest),
        created: time(tag.created),
        updated: time(tag.updated),
      };
      made.set(tag, texts);
    }
    return texts;
  };
}

export const TagsTable = memo(function TagsTable(props: TagsTableProps) {
  const { t } = useTranslation(['tags', 'common']);
  const format = useFormat();
  const { tags, selected, deleteReason, protection } = props;
  const words = useMemo<RowWords>(
    () => ({
      pull: t('pull.button'),
      delete: t('common:actions.delete'),
      copy: t('common:actions.copy'),
      copied: t('common:actions.copied'),
      protectedBadge: t('protected.badge'),
      protectedTitle: (pattern) => t('protected.title', { pattern }),
      protectedReason: (pattern) => t('protected.reason', { pattern }),
    }),
    [t],
  );
  // Ages are counted from the fetch: a refetch (Refresh, after a delete) brings them up to date,
  // even for tags whose objects TanStack Query kept from the previous answer.
  const { fetchedAt, imageHref } = props;
  const textsOf = useMemo(
    () => rowTexts(t, format, fetchedAt, imageHref),
    [t, format, fetchedAt, imageHref],
  );
  const virtual = tags.length > VIRTUALIZE_ABOVE;
  // The scrolling region, also in state: the virtual body inside it mounts (and sets up its
  // scroll listeners) before a ref on the region would be attached.
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scrollRef.current = element;
    setScroller(element);
  }, []);
  const reasonId = useId();

  // A protected tag cannot be selected: "all" on the page means all the others.
  const selectable = useMemo(
    () => tags.filter((tag) => protection(tag.Tag) === undefined),
    [tags, protection],
  );
  const selectedOnPage = useMemo(
    () => selectable.filter((tag) => selected.has(tag.Tag)).length,
    [selectable, selected],
  );
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current !== null) {
      allBox.current.indeterminate = selectedOnPage > 0 && selectedOnPage < selectable.length;
    }
  }, [selectedOnPage, selectable.length]);

  // A new page starts at its top. Its rows mount in a new virtual body (keyed by the page), whose
  // range starts at the top as well: the new rows are laid out once, not first where the previous
  // page was scrolled to and again at the top.
  const firstTag = tags[0]?.Tag;
  const page = `${props.offset}:${firstTag ?? ''}`;
  useLayoutEffect(() => {
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, [page, scroller]);

  const rowProps: RowsProps = {
    tags,
    offset: props.offset,
    selected,
    deleteReason,
    reasonId: deleteReason === undefined ? undefined : reasonId,
    textsOf,
    words,
    protection,
    onSelect: props.onSelect,
    onPull: props.onPull,
    onDelete: props.onDelete,
  };

  // Separate borders (with no spacing, so it looks the same as collapsed): collapsed borders are
  // worked out across the whole table on every layout, and they do not stick with the header.
  const table = (
    <table
      className="w-full min-w-[46rem] table-fixed border-separate border-spacing-0 text-left text-sm"
      aria-rowcount={props.total + 1}
      aria-busy={props.busy || undefined}
    >
      <caption className="sr-only">{props.caption}</caption>
      <colgroup>
        <col className="w-10" />
        <col />
        <col className="w-24" />
        <col className="w-40" />
        {/* Wide enough for "12 months ago"; the creation time gives way below 1280 px, so that
            the tag name keeps its room. */}
        <col className="hidden w-36 xl:table-column" />
        <col className="w-36" />
        <col className="w-36" />
      </colgroup>
      <thead className="sticky top-0 z-10 bg-card">
        <tr aria-rowindex={1}>
          <Th>
            <input
              ref={allBox}
              type="checkbox"
              className="size-4 align-middle"
              aria-label={t('select.all')}
              aria-describedby={deleteReason === undefined ? undefined : reasonId}
              title={deleteReason}
              disabled={deleteReason !== undefined || selectable.length === 0}
              checked={selectable.length > 0 && selectedOnPage === selectable.length}
              onChange={(event) => {
                // The whole page: the tab leaves the protected tags out, and counts them.
                props.onSelect(
                  tags.map((tag) => tag.Tag),
                  event.target.checked,
                );
              }}
            />
          </Th>
          <SortableTh column="tag" sort={props.sort} onSort={props.onSort}>
            {t('columns.tag')}
          </SortableTh>
          <Th>{t('columns.size')}</Th>
          <Th>{t('columns.digest')}</Th>
          <Th className="hidden xl:table-cell">{t('columns.created')}</Th>
          <SortableTh column="updated_at" sort={props.sort} onSort={props.onSort}>
            {t('columns.updated')}
          </SortableTh>
          <Th>
            <span className="sr-only">{t('columns.actions')}</span>
          </Th>
        </tr>
      </thead>
      {virtual ? (
        <VirtualBody key={page} scroller={scroller} {...rowProps} />
      ) : (
        <tbody>
          {tags.map((tag, index) => (
            <Row key={tag.Tag} index={index} tag={tag} {...rowProps} />
          ))}
        </tbody>
      )}
    </table>
  );

  return (
    <>
      {deleteReason === undefined ? null : (
        <span id={reasonId} className="sr-only">
          {deleteReason}
        </span>
      )}
      {virtual ? (
        <div
          ref={attachScroller}
          role="region"
          aria-label={t('scrollRegion', { caption: props.caption })}
          tabIndex={0}
          className="max-h-[70vh] overflow-auto rounded-lg border border-border bg-card"
        >
          {table}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-card">{table}</div>
      )}
    </>
  );
});

/** What the rows need from the table, whichever body renders them. */
interface RowsProps {
  tags: readonly TagDetail[];
  offset: number;
  selected: ReadonlySet<string>;
  deleteReason: string | undefined;
  reasonId: string | undefined;
  textsOf: (tag: TagDetail) => RowTexts;
  words: RowWords;
  protection: Protection;
  onSelect: (tags: readonly string[], selected: boolean) => void;
  onPull: (tag: TagDetail) => void;
  onDelete: (tag: TagDetail) => void;
}

/**
 * The body of a long page: only the rows in view (lib/virtual-rows.ts), between spacer
 * rows that keep the scroll height. Scrolling re-renders this body alone (the rows themselves
 * only as they come into view), at React's pace rather than synchronously inside each scroll
 * event.
 */
function VirtualBody({ scroller, ...rows }: RowsProps & { scroller: HTMLDivElement | null }) {
  const { tags } = rows;
  const getItemKey = useCallback((index: number) => tags[index]?.Tag ?? index, [tags]);
  const { indexes, spaceBefore, spaceAfter } = useVirtualRows(tags.length, getItemKey, scroller);
  return (
    // The rows keep taking the pointer while it scrolls: a click just after a wheel step must land.
    <tbody>
      {spaceBefore > 0 ? (
        <tr aria-hidden="true">
          <td colSpan={COLUMNS} className="p-0" style={{ height: spaceBefore }} />
        </tr>
      ) : null}
      {indexes.map((index) => {
        const tag = tags[index];
        return tag === undefined ? null : <Row key={tag.Tag} index={index} tag={tag} {...rows} />;
      })}
      {spaceAfter > 0 ? (
        <tr aria-hidden="true">
          <td colSpan={COLUMNS} className="p-0" style={{ height: spaceAfter }} />
        </tr>
      ) : null}
    </tbody>
  );
}

/** One tag's row, given the table's shared props (memoized below, in TagRow). */
function Row({ tag, index, ...rows }: RowsProps & { tag: TagDetail; index: number }) {
  return (
    <TagRow
      tag={tag}
      rowIndex={rows.offset + index + 2}
      selected={rows.selected.has(tag.Tag)}
      reasonId={rows.reasonId}
      deleteReason={rows.deleteReason}
      protectedBy={rows.protection(tag.Tag)?.pattern}
      texts={rows.textsOf(tag)}
      words={rows.words}
      onSelect={rows.onSelect}
      onPull={rows.onPull}
      onDelete={rows.onDelete}
    />
  );
}

interface TagRowProps {
  tag: TagDetail;
  rowIndex: number;
  selected: boolean;
  reasonId: string | undefined;
  deleteReason: string | undefined;
  /** The pattern protecting the tag, if one does. */
  protectedBy: string | undefined;
  texts: RowTexts;
  words: RowWords;
  onSelect: (tags: readonly string[], selected: boolean) => void;
  onPull: (tag: TagDetail) => void;
  onDelete: (tag: TagDetail) => void;
}

const TagRow = memo(function TagRow({
  tag,
  rowIndex,
  selected,
  reasonId,
  deleteReason,
  protectedBy,
  texts,
  words,
  onSelect,
  onPull,
  onDelete,
}: TagRowProps) {
  const protectedId = useId();
  // The role's reason first (it holds for every tag), then the tag's own.
  const protectedReason =
    protectedBy === undefined ? undefined : words.protectedReason(protectedBy);
  const reason = deleteReason ?? protectedReason;
  const describedBy =
    deleteReason === undefined && protectedReason !== undefined ? protectedId : reasonId;
  return (
    <tr aria-rowindex={rowIndex} className={cn('h-12 hover:bg-hover', selected && 'bg-hover')}>
      <Cell>
        <input
          type="checkbox"
          className="size-4 align-middle"
          aria-label={texts.select}
          aria-describedby={describedBy}
          title={reason}
          disabled={reason !== undefined}
          checked={selected && reason === undefined}
          onChange={(event) => {
            onSelect([tag.Tag], event.target.checked);
          }}
        />
        {protectedReason === undefined ? null : (
          <span id={protectedId} className="sr-only">
            {protectedReason}
          </span>
        )}
      </Cell>
      <Cell className="font-mono text-xs font-medium">
        {protectedReason === undefined ? (
          <Link className={cn('block', TAG_LINK)} to={texts.href} title={tag.Tag}>
            {tag.Tag}
          </Link>
        ) : (
          <span className="flex min-w-0 items-center gap-2">
            <Link className={TAG_LINK} to={texts.href} title={tag.Tag}>
              {tag.Tag}
            </Link>
            <span title={words.protectedTitle(protectedBy ?? '')} className="shrink-0 font-sans">
              <Badge tone="info">{words.protectedBadge}</Badge>
            </span>
          </span>
        )}
      </Cell>
      <Cell className="whitespace-nowrap">{texts.size}</Cell>
      <Cell className="whitespace-nowrap">
        <span className="inline-flex items-center gap-1">
          <code className="font-mono text-xs" title={tag.digest}>
            {texts.digest}
          </code>
          <CopyTextButton
            text={tag.digest}
            label={texts.copyDigest}
            copyText={words.copy}
            copiedText={words.copied}
          />
        </span>
      </Cell>
      <Cell className="hidden truncate xl:table-cell">
        <TimeText iso={tag.created} {...texts.created} />
      </Cell>
      <Cell className="truncate">
        <TimeText iso={tag.updated} {...texts.updated} />
      </Cell>
      <Cell className="whitespace-nowrap text-right">
        <Button
          size="sm"
          variant="ghost"
          aria-haspopup="dialog"
          aria-label={texts.openPull}
          onClick={() => {
            onPull(tag);
          }}
        >
          {words.pull}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={texts.delete}
          disabledReason={reason}
          onClick={() => {
            onDelete(tag);
          }}
        >
          {words.delete}
        </Button>
      </Cell>
    </tr>
  );
});

/** A body cell: one line, vertically centred, so every row has the same height. */
function Cell({ className, children }: { className?: string; children: ReactNode }) {
  return <td className={cn('border-b border-border px-3 align-middle', className)}>{children}</td>;
}

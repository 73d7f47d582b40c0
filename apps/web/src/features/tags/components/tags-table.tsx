/**
 * One server page of tags as a table. Up to 100 rows render as they are; a larger page (up to
 * 1,000) scrolls inside its own region and renders only the rows in view (@tanstack/react-virtual),
 * with spacer rows keeping the scroll height. Rows have one fixed height, so the virtualizer
 * needs no measuring. Screen readers still learn each row's place in the whole list from
 * `aria-rowcount` and `aria-rowindex`; the region takes the keyboard focus, so arrow and page
 * keys scroll it.
 */
import type { TagDetail } from '@swr-dashboard/swr-client/browser';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { RelativeTime } from '../../../components/ui/relative-time';
import { SortableTh, Th, type SortState } from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { useFormat } from '../../../lib/format';
import { shortDigest } from '../commands';

/** Pages longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;
/** Every row's height in pixels (h-12): fixed, so the virtualizer can place rows without measuring. */
export const ROW_HEIGHT = 48;
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
  onPull: (tag: TagDetail) => void;
  onDelete: (tag: TagDetail) => void;
  busy: boolean;
}

export function TagsTable(props: TagsTableProps) {
  const { t } = useTranslation(['tags', 'common']);
  const { tags, selected, deleteReason } = props;
  const virtual = tags.length > VIRTUALIZE_ABOVE;
  const scrollRef = useRef<HTMLDivElement>(null);
  const reasonId = useId();
  // The console does not use the React Compiler, whose memoizing this hook's API would defeat.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtual ? tags.length : 0,
    enabled: virtual,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => tags[index]?.Tag ?? index,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const firstItem = items[0];
  const lastItem = items[items.length - 1];
  const rows: { tag: TagDetail; index: number }[] = virtual
    ? items.flatMap((item) => {
        const tag = tags[item.index];
        return tag === undefined ? [] : [{ tag, index: item.index }];
      })
    : tags.map((tag, index) => ({ tag, index }));
  const spaceBefore = firstItem?.start ?? 0;
  const spaceAfter = lastItem === undefined ? 0 : virtualizer.getTotalSize() - lastItem.end;

  const selectedOnPage = tags.filter((tag) => selected.has(tag.Tag)).length;
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current !== null) {
      allBox.current.indeterminate = selectedOnPage > 0 && selectedOnPage < tags.length;
    }
  }, [selectedOnPage, tags.length]);

  // A new page starts at its top.
  const firstTag = tags[0]?.Tag;
  useEffect(() => {
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, [props.offset, firstTag]);

  const table = (
    <table
      className="w-full min-w-[46rem] table-fixed border-collapse text-left text-sm"
      aria-rowcount={props.total + 1}
      aria-busy={props.busy || undefined}
    >
      <caption className="sr-only">{props.caption}</caption>
      <colgroup>
        <col className="w-10" />
        <col />
        <col className="w-24" />
        <col className="w-40" />
        <col className="w-28" />
        <col className="w-28" />
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
              disabled={deleteReason !== undefined || tags.length === 0}
              checked={tags.length > 0 && selectedOnPage === tags.length}
              onChange={(event) => {
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
          <Th>{t('columns.created')}</Th>
          <SortableTh column="updated_at" sort={props.sort} onSort={props.onSort}>
            {t('columns.updated')}
          </SortableTh>
          <Th>
            <span className="sr-only">{t('columns.actions')}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {spaceBefore > 0 ? (
          <tr aria-hidden="true">
            <td colSpan={COLUMNS} className="p-0" style={{ height: spaceBefore }} />
          </tr>
        ) : null}
        {rows.map(({ tag, index }) => (
          <TagRow
            key={tag.Tag}
            tag={tag}
            rowIndex={props.offset + index + 2}
            selected={selected.has(tag.Tag)}
            reasonId={deleteReason === undefined ? undefined : reasonId}
            deleteReason={deleteReason}
            onSelect={(checked) => {
              props.onSelect([tag.Tag], checked);
            }}
            onPull={() => {
              props.onPull(tag);
            }}
            onDelete={() => {
              props.onDelete(tag);
            }}
          />
        ))}
        {spaceAfter > 0 ? (
          <tr aria-hidden="true">
            <td colSpan={COLUMNS} className="p-0" style={{ height: spaceAfter }} />
          </tr>
        ) : null}
      </tbody>
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
          ref={scrollRef}
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
}

function TagRow({
  tag,
  rowIndex,
  selected,
  reasonId,
  deleteReason,
  onSelect,
  onPull,
  onDelete,
}: {
  tag: TagDetail;
  rowIndex: number;
  selected: boolean;
  reasonId: string | undefined;
  deleteReason: string | undefined;
  onSelect: (checked: boolean) => void;
  onPull: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation(['tags', 'common']);
  const format = useFormat();
  return (
    <tr aria-rowindex={rowIndex} className={cn('h-12 hover:bg-hover', selected && 'bg-hover')}>
      <Cell>
        <input
          type="checkbox"
          className="size-4 align-middle"
          aria-label={t('select.one', { tag: tag.Tag })}
          aria-describedby={reasonId}
          title={deleteReason}
          disabled={deleteReason !== undefined}
          checked={selected}
          onChange={(event) => {
            onSelect(event.target.checked);
          }}
        />
      </Cell>
      <Cell className="truncate font-mono text-xs font-medium">
        <span title={tag.Tag}>{tag.Tag}</span>
      </Cell>
      <Cell className="whitespace-nowrap">{format.bytes(tag.size)}</Cell>
      <Cell className="whitespace-nowrap">
        <span className="inline-flex items-center gap-1">
          <code className="font-mono text-xs" title={tag.digest}>
            {shortDigest(tag.digest)}
          </code>
          <CopyButton text={tag.digest} label={t('digest.copy', { tag: tag.Tag })} />
        </span>
      </Cell>
      <Cell className="truncate">
        <RelativeTime iso={tag.created} />
      </Cell>
      <Cell className="truncate">
        <RelativeTime iso={tag.updated} />
      </Cell>
      <Cell className="whitespace-nowrap text-right">
        <Button
          size="sm"
          variant="ghost"
          aria-haspopup="dialog"
          aria-label={t('pull.open', { tag: tag.Tag })}
          onClick={onPull}
        >
          {t('pull.button')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('delete.label', { tag: tag.Tag })}
          disabledReason={deleteReason}
          onClick={onDelete}
        >
          {t('common:actions.delete')}
        </Button>
      </Cell>
    </tr>
  );
}

/** A body cell: one line, vertically centred, so every row has the same height. */
function Cell({ className, children }: { className?: string; children: ReactNode }) {
  return <td className={cn('border-b border-border px-3 align-middle', className)}>{children}</td>;
}

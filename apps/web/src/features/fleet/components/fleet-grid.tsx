/**
 * The fleet grid: a real table, every column sortable (its header a button, the order in
 * `aria-sort`). Up to 100 rows render as they are; more (a fleet of 1,000 repositories) scroll
 * inside the grid's own region with only the rows in view rendered (@tanstack/react-virtual),
 * spacer rows keeping the scroll height, as the tags table does. Rows have one fixed height, so
 * the virtualizer needs no measuring; `aria-rowcount` and `aria-rowindex` tell screen readers each
 * row's place among all. A row's texts are made once per row and language (see texts.ts) and the
 * rows are memoized, so scrolling mounts rows without formatting or translating anything again.
 */
import { memo, useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { TimeText } from '../../../components/ui/relative-time';
import { SortableTh, type SortState } from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { paths } from '../../../lib/paths';
import { useVirtualRows } from '../../../lib/virtual-rows';
import { RepositoryLink } from '../../../lib/repository-link';
import type { FleetRow, FleetSort, SortColumn } from '../rows';
import type { RowTexts } from '../texts';

/** Grids longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;

/**
 * The columns in order, with their widths (the table's layout is fixed). Eleven columns are wider
 * than a laptop's screen: the grid scrolls sideways, and the organization and the repository stay
 * in place (sticky, the second one as far from the left as the first is wide).
 */
const COLUMNS: { column: SortColumn; width: string; sticky?: string }[] = [
  { column: 'organization', width: 'w-32', sticky: 'sticky left-0' },
  { column: 'repository', width: 'w-44', sticky: 'sticky left-32 border-r' },
  { column: 'region', width: 'w-28' },
  { column: 'tags', width: 'w-24' },
  { column: 'size', width: 'w-24' },
  { column: 'downloads', width: 'w-32' },
  { column: 'updated', width: 'w-32' },
  { column: 'retention', width: 'w-56' },
  { column: 'sync', width: 'w-44' },
  { column: 'triggers', width: 'w-60' },
  { column: 'shares', width: 'w-72' },
];
/** A sticky cell covers what scrolls under it, in the row's colour. */
const stickyCell = (index: number) =>
  cn(
    COLUMNS[index]?.sticky,
    COLUMNS[index]?.sticky !== undefined && 'z-[1] bg-card group-hover:bg-hover',
  );

export interface FleetGridProps {
  caption: string;
  rows: readonly FleetRow[];
  sort: FleetSort;
  onSort: (sort: FleetSort) => void;
  textsOf: (row: FleetRow) => RowTexts;
  busy: boolean;
}

export const FleetGrid = memo(function FleetGrid({
  caption,
  rows,
  sort,
  onSort,
  textsOf,
  busy,
}: FleetGridProps) {
  const { t } = useTranslation(['fleet', 'common']);
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  // The scrolling region, also in state: the virtual body inside it mounts (and sets up its
  // scroll listeners) before a ref on the region would be attached.
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scrollRef.current = element;
    setScroller(element);
  }, []);
  const none = t('grid.none');
  const never = t('grid.never');
  const sortHeader = useCallback(
    (next: SortState) => {
      onSort(next as FleetSort);
    },
    [onSort],
  );
  // A new order or new filters start at the top.
  const order = `${sort.column}:${sort.direction}:${rows.length}:${rows[0]?.key ?? ''}`;
  useLayoutEffect(() => {
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, [order, scroller]);
  const bodyProps: BodyProps = { rows, textsOf, none, never };
  return (
    <div
      ref={attachScroller}
      role="region"
      aria-label={t('grid.scrollRegion', { caption })}
      tabIndex={0}
      className="max-h-[70vh] overflow-auto rounded-lg border border-border bg-card"
    >
      {/* Separate borders with no spacing (as collapsed): collapsed borders are worked out
          across the whole table on every layout, and they do not stick with the header. */}
      <table
        className="w-full min-w-[112rem] table-fixed border-separate border-spacing-0 text-left text-sm"
        aria-rowcount={rows.length + 1}
        aria-busy={busy || undefined}
      >
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {COLUMNS.map(({ column, width }) => (
            <col key={column} className={width} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-card">
          <tr aria-rowindex={1}>
            {COLUMNS.map(({ column, sticky }) => (
              <SortableTh
                key={column}
                column={column}
                sort={sort}
                onSort={sortHeader}
                className={cn(sticky, sticky !== undefined && 'z-20 bg-card')}
              >
                {t(`grid.${column}`)}
              </SortableTh>
            ))}
          </tr>
        </thead>
        {virtual ? (
          <VirtualBody key={order} scroller={scroller} {...bodyProps} />
        ) : (
          <tbody>
            {rows.map((row, index) => (
              <Row key={row.key} index={index} row={row} {...bodyProps} />
            ))}
          </tbody>
        )}
      </table>
    </div>
  );
});

interface BodyProps {
  rows: readonly FleetRow[];
  textsOf: (row: FleetRow) => RowTexts;
  none: string;
  never: string;
}

/**
 * The body of a long grid: only the rows in view (lib/virtual-rows.ts), between spacer
 * rows that keep the scroll height, re-rendered at React's pace rather than inside each scroll
 * event.
 */
function VirtualBody({ scroller, ...body }: BodyProps & { scroller: HTMLDivElement | null }) {
  const { rows } = body;
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const { indexes, spaceBefore, spaceAfter } = useVirtualRows(rows.length, getItemKey, scroller);
  return (
    <tbody>
      {spaceBefore > 0 ? <Spacer height={spaceBefore} /> : null}
      {indexes.map((index) => {
        const row = rows[index];
        return row === undefined ? null : <Row key={row.key} index={index} row={row} {...body} />;
      })}
      {spaceAfter > 0 ? <Spacer height={spaceAfter} /> : null}
    </tbody>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={COLUMNS.length} className="p-0" style={{ height }} />
    </tr>
  );
}

function Row({ row, index, textsOf, none, never }: BodyProps & { row: FleetRow; index: number }) {
  return (
    <FleetRowView row={row} rowIndex={index + 2} texts={textsOf(row)} none={none} never={never} />
  );
}

interface FleetRowViewProps {
  row: FleetRow;
  rowIndex: number;
  texts: RowTexts;
  none: string;
  never: string;
}

const FleetRowView = memo(function FleetRowView({
  row,
  rowIndex,
  texts,
  none,
  never,
}: FleetRowViewProps) {
  const { repository } = row;
  const { region, namespace, name } = repository;
  return (
    <tr aria-rowindex={rowIndex} className="group h-12 hover:bg-hover">
      <Cell className={stickyCell(0)}>
        <Link
          className="text-primary hover:underline"
          to={paths.organization(region, namespace)}
          title={namespace}
        >
          {namespace}
        </Link>
      </Cell>
      <Cell className={stickyCell(1)}>
        <span title={name}>
          <RepositoryLink
            className="font-medium text-primary hover:underline"
            region={region}
            namespace={namespace}
            repository={name}
          >
            {name}
          </RepositoryLink>
        </span>
      </Cell>
      <Cell>{region}</Cell>
      <Cell className="tabular-nums">{texts.tags}</Cell>
      <Cell className="tabular-nums">{texts.size}</Cell>
      <Cell className="tabular-nums">{texts.downloads}</Cell>
      <Cell>
        {texts.updated === undefined || repository.updatedAt === null ? (
          <span className="text-muted">{never}</span>
        ) : (
          <TimeText iso={repository.updatedAt} {...texts.updated} />
        )}
      </Cell>
      <Cell title={texts.retention}>
        {texts.retention === undefined ? (
          <span className="text-muted">{none}</span>
        ) : (
          texts.retention
        )}
      </Cell>
      <Cell title={repository.syncTargets.length === 0 ? undefined : texts.sync}>
        {repository.syncTargets.length === 0 ? (
          <span className="text-muted">{none}</span>
        ) : (
          texts.sync
        )}
      </Cell>
      <Cell title={texts.triggersDetail === '' ? undefined : texts.triggersDetail}>
        <Chips chips={texts.triggers} none={none} />
      </Cell>
      <Cell title={texts.sharesDetail === '' ? undefined : texts.sharesDetail}>
        <Chips chips={texts.shares} none={none} />
      </Cell>
    </tr>
  );
});

function Chips({ chips, none }: { chips: RowTexts['triggers']; none: string }) {
  if (chips.length === 0) return <span className="text-muted">{none}</span>;
  return (
    <span className="flex gap-1">
      {chips.map((chip, index) => (
        <span key={index} className="shrink-0">
          <Badge tone={chip.tone}>{chip.label}</Badge>
        </span>
      ))}
    </span>
  );
}

/** A body cell: one line, cut with an ellipsis, vertically centred (every row one height). */
function Cell({
  className,
  title,
  children,
}: {
  className?: string;
  title?: string | undefined;
  children: ReactNode;
}) {
  return (
    <td
      title={title}
      className={cn(
        'truncate whitespace-nowrap border-b border-border px-3 align-middle',
        className,
      )}
    >
      {children}
    </td>
  );
}

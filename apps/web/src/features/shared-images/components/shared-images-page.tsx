/**
 * Shared images: private images other accounts share with this account ("shared with me", with
 * each share's validity and owner), and this account's images shared with others ("shared by
 * me", each linking to its Sharing tab). Paged, filtered and sorted on the server; the view, the
 * filters, the sort and the page are in the query string.
 */
import { SHARED_ORDER_COLUMNS, type RepositorySummary } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/ui/query-state';
import { FilterInput } from '../../../components/ui/filter-input';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { PageHeader } from '../../../components/ui/page-header';
import { Pagination, PAGE_SIZES } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { SortableTh, Table, Td, Th, type SortState } from '../../../components/ui/table';
import { cn } from '../../../lib/cn';
import { useFormat } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useUrlState } from '../../../lib/url-state';
import { useMe } from '../../../lib/session';
import { sharedImagesQuery } from '../api';

type View = 'with-me' | 'by-me';
type Column = (typeof SHARED_ORDER_COLUMNS)[number];

const VIEWS: readonly View[] = ['with-me', 'by-me'];

function isColumn(value: string | undefined): value is Column {
  return SHARED_ORDER_COLUMNS.some((column) => column === value);
}

export function SharedImagesPage() {
  const { t } = useTranslation(['shared-images', 'common']);
  const { region = '' } = useParams();
  const url = useUrlState();
  const view: View = url.get('view') === 'by-me' ? 'by-me' : 'with-me';
  const namespace = url.get('namespace') ?? '';
  const name = url.get('name') ?? '';
  // SWR's filter joins its parts with `|`: text with one cannot be sent.
  const pipeProblem = (text: string) => (text.includes('|') ? t('filters.invalid') : undefined);
  const sortParam = url.get('sort');
  const sort: SortState = {
    column:
      isColumn(sortParam) && !(view === 'by-me' && sortParam === 'domain_name')
        ? sortParam
        : 'updated_at',
    direction: url.get('dir') === 'asc' ? 'asc' : 'desc',
  };
  const { offset, limit } = url.page(PAGE_SIZES);
  // A list filtered for a user limited to some organizations says how much it left out.
  const namespaces = useMe().namespaces;
  const shared = useQuery(
    sharedImagesQuery(region, {
      center: view === 'by-me' ? 'self' : 'thirdparty',
      ...(namespace === '' ? {} : { namespace }),
      ...(name === '' ? {} : { name }),
      limit,
      offset,
      order_column: sort.column as Column,
      order_type: sort.direction,
    }),
  );
  const filtered = namespace !== '' || name !== '';
  const onSort = (next: SortState) => {
    url.set({ sort: next.column, dir: next.direction, offset: undefined });
  };
  const caption = view === 'by-me' ? t('byMe.caption') : t('withMe.caption');

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button busy={shared.isFetching} onClick={() => void shared.refetch()}>
            {t('common:actions.refresh')}
          </Button>
        }
      />
      <div
        role="group"
        aria-label={t('views')}
        className="mb-4 inline-flex rounded-md border border-border"
      >
        {VIEWS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={view === option}
            className={cn(
              'px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md',
              view === option ? 'bg-primary font-medium text-primary-fg' : 'bg-card hover:bg-hover',
            )}
            onClick={() => {
              url.set({
                view: option === 'with-me' ? undefined : option,
                offset: undefined,
                ...(option === 'by-me' && sort.column === 'domain_name'
                  ? { sort: undefined, dir: undefined }
                  : {}),
              });
            }}
          >
            {option === 'with-me' ? t('withMe.label') : t('byMe.label')}
          </button>
        ))}
      </div>
      <p className="mb-3 text-sm text-muted">
        {view === 'by-me' ? t('byMe.description') : t('withMe.description')}
      </p>
      <div className="mb-3 flex flex-wrap gap-3">
        <FilterInput
          label={t('filters.organization')}
          value={namespace}
          className="w-60"
          maxLength={64}
          problem={pipeProblem}
          onCommit={(value) => {
            url.set({ namespace: value, offset: undefined });
          }}
        />
        <FilterInput
          label={t('filters.name')}
          value={name}
          className="w-60"
          maxLength={128}
          problem={pipeProblem}
          onCommit={(value) => {
            url.set({ name: value, offset: undefined });
          }}
        />
      </div>
      <QueryState query={shared} what={view === 'by-me' ? t('byMe.failed') : t('withMe.failed')}>
        {(data) => (
          <>
            {(data.hidden ?? 0) > 0 ? (
              <p
                role="note"
                className="mb-3 rounded-md border border-border bg-card px-3 py-2 text-sm"
              >
                {t('hiddenByScope', {
                  count: data.hidden,
                  patterns: (namespaces ?? []).join(', '),
                })}
              </p>
            ) : null}
            {data.total === 0 ? (
              <EmptyState
                title={
                  filtered ? t('noMatch') : view === 'by-me' ? t('byMe.empty') : t('withMe.empty')
                }
              >
                {filtered
                  ? undefined
                  : view === 'by-me'
                    ? t('byMe.emptyHint')
                    : t('withMe.emptyHint')}
              </EmptyState>
            ) : (
              <>
                <Table caption={caption}>
                  <thead>
                    <tr>
                      <SortableTh column="name" sort={sort} onSort={onSort}>
                        {t('columns.image')}
                      </SortableTh>
                      <SortableTh column="namespace" sort={sort} onSort={onSort}>
                        {t('columns.organization')}
                      </SortableTh>
                      {view === 'with-me' ? (
                        <>
                          <SortableTh column="domain_name" sort={sort} onSort={onSort}>
                            {t('columns.owner')}
                          </SortableTh>
                          <Th>{t('columns.status')}</Th>
                        </>
                      ) : null}
                      <SortableTh column="tag_count" sort={sort} onSort={onSort}>
                        {t('columns.tags')}
                      </SortableTh>
                      <Th>{t('columns.size')}</Th>
                      <SortableTh column="updated_at" sort={sort} onSort={onSort}>
                        {t('columns.updated')}
                      </SortableTh>
                      <Th>
                        <span className="sr-only">{t('columns.actions')}</span>
                      </Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item) => (
                      <SharedRow
                        key={`${item.namespace}/${item.name}`}
                        item={item}
                        view={view}
                        region={region}
                      />
                    ))}
                  </tbody>
                </Table>
                <Pagination
                  offset={offset}
                  limit={limit}
                  total={data.total}
                  onChange={(page) => {
                    url.setPage(page, PAGE_SIZES);
                  }}
                />
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

/** One shared image: the owner and validity of a share received, or a link to manage one given. */
function SharedRow({
  item,
  view: rowView,
  region: rowRegion,
}: {
  item: RepositorySummary;
  view: View;
  region: string;
}) {
  const { t } = useTranslation('shared-images');
  const format = useFormat();
  const full = `${item.namespace}/${item.name}`;
  return (
    <tr className="hover:bg-hover">
      <Td>
        {rowView === 'by-me' ? (
          <Link
            className="font-medium text-primary hover:underline"
            to={paths.repository(rowRegion, item.namespace, item.name, 'sharing')}
          >
            {item.name}
          </Link>
        ) : (
          <>
            <span className="block font-medium">{item.name}</span>
            <span className="block break-all font-mono text-xs text-muted">{item.path}</span>
          </>
        )}
      </Td>
      <Td>{item.namespace}</Td>
      {rowView === 'with-me' ? (
        <>
          <Td>{item.domain_name}</Td>
          <Td>
            {item.status ? (
              <Badge tone="success">{t('status.valid')}</Badge>
            ) : (
              <Badge tone="danger">{t('status.expired')}</Badge>
            )}
          </Td>
        </>
      ) : null}
      <Td>{format.number(item.num_images)}</Td>
      <Td>{format.bytes(item.size)}</Td>
      <Td>
        <RelativeTime iso={item.updated_at} />
      </Td>
      <Td className="whitespace-nowrap text-right">
        {rowView === 'by-me' ? (
          <Link
            className="text-sm text-primary hover:underline"
            to={paths.repository(rowRegion, item.namespace, item.name, 'sharing')}
            aria-label={t('byMe.manageLabel', { name: full })}
          >
            {t('byMe.manage')}
          </Link>
        ) : (
          <CopyButton text={item.path} label={t('withMe.copyLabel', { name: full })} />
        )}
      </Td>
    </tr>
  );
}

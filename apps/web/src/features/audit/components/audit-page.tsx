/**
 * The audit log (admins only): every change and refusal the console recorded, filtered by user
 * (identity key), action, organization, outcome and time, paged on the server, each record in
 * detail (with a way to every record of its user), and the CSV of everything the filters match.
 * Filters and page live in the query string.
 */
import type { AuditRecordShape } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { Pagination } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState, ErrorNotice } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { useMe } from '../../../lib/session';
import {
  AUDIT_FILTER_NAMES,
  auditListQuery,
  useDownloadAuditCsv,
  type AuditFilters,
  type AuditOutcome,
} from '../api';
import { AuditFilterForm } from './audit-filters';
import { AuditRecordDialog, ResourceText } from './audit-record-dialog';
import { OutcomeBadge } from './outcome-badge';

/** The BFF returns up to 500 records a page; 50 is its default. */
const AUDIT_PAGE_SIZES = [50, 100, 200, 500];

function isOutcome(value: string | undefined): value is AuditOutcome {
  return value === 'success' || value === 'failure' || value === 'denied' || value === 'pending';
}

function AdminsOnly() {
  const { t } = useTranslation(['audit']);
  return (
    <>
      <PageHeader title={t('title')} />
      <EmptyState title={t('adminsOnly.title')}>{t('adminsOnly.body')}</EmptyState>
    </>
  );
}

/** `×37` after the event of a record that stands for several, read as "and 37 more like it". */
function RepeatsMark({ count }: { count: number }) {
  const { t } = useTranslation(['audit']);
  const format = useFormat();
  const formatted = format.number(count);
  return (
    <span className="ml-1 text-xs font-medium text-muted">
      <span aria-hidden="true">{t('table.repeatsMark', { formatted })}</span>
      <span className="sr-only">{t('table.repeats', { formatted })}</span>
    </span>
  );
}

function Row({ record, onOpen }: { record: AuditRecordShape; onOpen: () => void }) {
  const { t } = useTranslation(['audit', 'common']);
  const format = useFormat();
  return (
    <tr className="hover:bg-hover">
      <Td className="whitespace-nowrap">
        <RelativeTime iso={record.ts} />
        <div className="text-xs text-muted">{format.dateTime(record.ts)}</div>
      </Td>
      <Td>
        {record.actor === null ? (
          <span className="text-muted">{t('table.anonymous')}</span>
        ) : (
          <div className="flex flex-col items-start gap-1">
            <span>{record.actor.name}</span>
            <Badge tone="info">
              {t(`common:roles.${record.actor.role}`, { defaultValue: record.actor.role })}
            </Badge>
          </div>
        )}
      </Td>
      <Td>
        <code className="font-mono text-xs">{record.event}</code>
        {record.repeats === undefined ? null : <RepeatsMark count={record.repeats.count} />}
      </Td>
      <Td>
        <ResourceText record={record} />
      </Td>
      <Td>
        <OutcomeBadge outcome={record.outcome} />
      </Td>
      <Td className="whitespace-nowrap">
        <div>{t('table.http', { status: record.httpStatus ?? '—' })}</div>
        {record.upstream === null ? null : (
          <div className="text-xs text-muted">
            {t('table.swr', { status: record.upstream.status ?? '—' })}
            {record.upstream.code === null ? null : ` ${record.upstream.code}`}
          </div>
        )}
      </Td>
      <Td className="max-w-48 font-mono text-xs break-all">
        <div title={t('table.consoleRequestId')}>{record.request.id}</div>
        {record.upstream === null || record.upstream.requestId === null ? null : (
          <div className="text-muted" title={t('table.swrRequestId')}>
            {record.upstream.requestId}
          </div>
        )}
      </Td>
      <Td className="text-right">
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('table.openDetail', {
            event: record.event,
            time: format.dateTime(record.ts),
          })}
          onClick={onOpen}
        >
          {t('table.details')}
        </Button>
      </Td>
    </tr>
  );
}

export function AuditPage() {
  const { t } = useTranslation(['audit', 'common']);
  const me = useMe();
  const url = useUrlState();
  const format = useFormat();
  const admin = me.user.role === 'admin';
  const outcome = url.get('outcome');
  const filters: AuditFilters = {
    user: url.get('user'),
    action: url.get('action'),
    namespace: url.get('namespace'),
    outcome: isOutcome(outcome) ? outcome : undefined,
    from: url.get('from'),
    to: url.get('to'),
  };
  const page = url.page(AUDIT_PAGE_SIZES);
  const list = useQuery(auditListQuery(filters, page, admin));
  const download = useDownloadAuditCsv();
  const [open, setOpen] = useState<AuditRecordShape | undefined>(undefined);
  if (!admin) return <AdminsOnly />;

  const filtered = AUDIT_FILTER_NAMES.some((name) => filters[name] !== undefined);
  const clearedFilters = Object.fromEntries(AUDIT_FILTER_NAMES.map((name) => [name, undefined]));
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button onClick={() => void list.refetch()} busy={list.isFetching && !list.isPending}>
              {t('common:actions.refresh')}
            </Button>
            <Button
              variant="primary"
              busy={download.isPending}
              onClick={() => {
                download.mutate(filters);
              }}
            >
              {t('csv.download')}
            </Button>
          </>
        }
      />
      {download.isError ? <ErrorNotice error={download.error} what={t('csv.failed')} /> : null}
      {download.isSuccess ? (
        <p role="status" className="mb-2 text-sm text-muted">
          {t('csv.saved', { filename: download.data.filename })}
        </p>
      ) : null}
      <AuditFilterForm
        key={JSON.stringify(filters)}
        filters={filters}
        error={list.error}
        onApply={(next) => {
          url.set({ ...next, offset: undefined });
        }}
        onClear={() => {
          url.set({ ...clearedFilters, offset: undefined });
        }}
      />
      <QueryState
        query={list}
        what={t('failed')}
        keepData
        isEmpty={(data) => data.total === 0}
        empty={<EmptyState title={filtered ? t('noMatch') : t('empty')} />}
      >
        {(data) => (
          <>
            <Table caption={t('table.caption', { total: format.number(data.total) })}>
              <thead>
                <tr>
                  <Th>{t('table.time')}</Th>
                  <Th>{t('table.user')}</Th>
                  <Th>{t('table.action')}</Th>
                  <Th>{t('table.resource')}</Th>
                  <Th>{t('table.outcome')}</Th>
                  <Th>{t('table.status')}</Th>
                  <Th>{t('table.requestIds')}</Th>
                  <Th>
                    <span className="sr-only">{t('table.details')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((record) => (
                  <Row
                    key={record.id}
                    record={record}
                    onOpen={() => {
                      setOpen(record);
                    }}
                  />
                ))}
              </tbody>
            </Table>
            <Pagination
              offset={page.offset}
              limit={page.limit}
              total={data.total}
              pageSizes={AUDIT_PAGE_SIZES}
              onChange={(next) => {
                url.setPage(next, AUDIT_PAGE_SIZES);
              }}
            />
          </>
        )}
      </QueryState>
      <AuditRecordDialog
        record={open}
        onClose={() => {
          setOpen(undefined);
        }}
        onShowUser={(key) => {
          setOpen(undefined);
          url.set({ user: key, offset: undefined });
        }}
      />
    </>
  );
}

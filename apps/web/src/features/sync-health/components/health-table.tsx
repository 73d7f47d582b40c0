/**
 * The sync targets in a table, one row per repository and target, every column but the actions
 * sortable (the order in `aria-sort`). A row opens to show the tags its target lacks and the
 * failed jobs; the actions start a manual sync of what it lacks, or retry the failed jobs' tags.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { SortableTh, Table, Td, Th, type SortState } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { RepositoryLink } from '../../../lib/repository-link';
import { rowNames, type HealthRow, type HealthSort, type SortColumn, type Status } from '../rows';
import { RowDetails } from './row-details';
import type { SyncAction, SyncGate } from './use-sync-gate';

export const STATUS_TONES: Record<Status, BadgeTone> = {
  unreadable: 'danger',
  failing: 'danger',
  differing: 'warning',
  missing: 'warning',
  healthy: 'success',
};

const SORTABLE: SortColumn[] = [
  'repository',
  'region',
  'target',
  'status',
  'missing',
  'differing',
  'failed',
];

export interface HealthTableProps {
  caption: string;
  rows: readonly HealthRow[];
  sort: HealthSort;
  onSort: (sort: HealthSort) => void;
  gate: SyncGate;
  onAction: (row: HealthRow, action: SyncAction) => void;
  busy: boolean;
}

export function HealthTable({
  caption,
  rows,
  sort,
  onSort,
  gate,
  onAction,
  busy,
}: HealthTableProps) {
  const { t } = useTranslation('sync-health');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => {
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  };
  const columns = SORTABLE.length + (gate.allowed ? 1 : 0);
  return (
    <div aria-busy={busy || undefined}>
      <Table caption={caption}>
        <thead>
          <tr>
            {SORTABLE.map((column) => (
              <SortableTh
                key={column}
                column={column}
                sort={sort}
                onSort={(next: SortState) => {
                  onSort(next as HealthSort);
                }}
              >
                {t(`table.${column}`)}
              </SortableTh>
            ))}
            {gate.allowed ? <Th>{t('table.actions')}</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Fragment key={row.key}>
              <HealthRowView
                row={row}
                open={open.has(row.key)}
                onToggle={toggle}
                gate={gate}
                onAction={onAction}
              />
              {open.has(row.key) ? (
                <tr>
                  <td colSpan={columns} className="border-b border-border px-3 py-3">
                    <RowDetails row={row} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

interface RowViewProps {
  row: HealthRow;
  open: boolean;
  onToggle: (key: string) => void;
  gate: SyncGate;
  onAction: (row: HealthRow, action: SyncAction) => void;
}

function HealthRowView({ row, open, onToggle, gate, onAction }: RowViewProps) {
  const { t } = useTranslation('sync-health');
  const names = rowNames(row);
  const { region, namespace, name } = row.repository;
  return (
    <tr>
      <Td>
        <span className="flex items-center gap-1">
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={open}
            aria-label={t('table.expand', names)}
            onClick={() => {
              onToggle(row.key);
            }}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </Button>
          <RepositoryLink
            className="font-medium text-primary hover:underline"
            region={region}
            namespace={namespace}
            repository={name}
          >
            {names.source}
          </RepositoryLink>
        </span>
      </Td>
      <Td className="whitespace-nowrap">{region}</Td>
      <Td>{names.target}</Td>
      <Td>
        <span className="flex flex-wrap gap-1 whitespace-nowrap">
          {row.statuses.map((status) => (
            <Badge key={status} tone={STATUS_TONES[status]}>
              {t(`status.${status}`)}
            </Badge>
          ))}
        </span>
      </Td>
      <CountCell row={row} count={row.missing.length} />
      <CountCell row={row} count={row.differing.length} />
      <Td className="tabular-nums">
        <Count value={row.failing.length} />
      </Td>
      {gate.allowed ? (
        <Td>
          <RowActions row={row} gate={gate} onAction={onAction} />
        </Td>
      ) : null}
    </tr>
  );
}

function Count({ value }: { value: number }) {
  const format = useFormat();
  return <span className={value === 0 ? 'text-muted' : undefined}>{format.number(value)}</span>;
}

/** A count of tags, or "unknown" when the target could not be read. */
function CountCell({ row, count }: { row: HealthRow; count: number }) {
  const { t } = useTranslation('sync-health');
  let content: ReactNode = <Count value={count} />;
  if (row.status === 'unreadable') {
    content = (
      <span className="text-muted" title={t('table.unknownCountTitle')}>
        {t('table.unknownCount')}
      </span>
    );
  }
  return <Td className="tabular-nums">{content}</Td>;
}

function RowActions({
  row,
  gate,
  onAction,
}: {
  row: HealthRow;
  gate: SyncGate;
  onAction: (row: HealthRow, action: SyncAction) => void;
}) {
  const { t } = useTranslation('sync-health');
  const names = rowNames(row);
  const reason = gate.blocked(row);
  const actions: { action: SyncAction; label: string; name: string }[] = [
    { action: 'sync', label: t('actions.syncMissing'), name: t('actions.syncMissingLabel', names) },
    {
      action: 'retry',
      label: t('actions.retryFailed'),
      name: t('actions.retryFailedLabel', names),
    },
  ];
  return (
    <span className="flex flex-wrap gap-1 whitespace-nowrap">
      {actions
        .filter(({ action }) => gate.offers(row, action))
        .map(({ action, label, name }) => (
          <Button
            key={action}
            size="sm"
            variant={action === 'sync' ? 'primary' : 'secondary'}
            aria-label={name}
            disabledReason={reason}
            onClick={() => {
              onAction(row, action);
            }}
          >
            {label}
          </Button>
        ))}
    </span>
  );
}

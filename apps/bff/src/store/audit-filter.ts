/**
 * What both engines' audit statements share: the WHERE clause of an audit filter (each writes its
 * own placeholders), and the columns a record is inserted with.
 */
import type { AuditFilter, AuditRecord } from '../audit/trail';

/**
 * The values of `audit_events (id, ts, event, outcome, actor, actor_key, namespace, http_status,
 * record)` for a record, in that order.
 */
export function auditColumns(record: AuditRecord): AuditColumns {
  return [
    record.id,
    record.ts,
    record.event,
    record.outcome,
    record.actor?.name ?? null,
    record.actor?.key ?? null,
    record.resource?.namespace ?? null,
    record.httpStatus,
    JSON.stringify(record),
  ];
}

export type AuditColumns = [
  id: string,
  ts: string,
  event: string,
  outcome: string,
  actor: string | null,
  actorKey: string | null,
  namespace: string | null,
  httpStatus: number | null,
  record: string,
];

/** `?` for SQLite; `$n` for PostgreSQL, counting on from the arguments already taken. */
export type Placeholder = (index: number) => string;

export const sqlitePlaceholder: Placeholder = () => '?';
export const postgresPlaceholder: Placeholder = (index) => `$${String(index)}`;

/**
 * The WHERE clause (possibly empty) and its arguments for a filter; `first` is the index of its
 * first argument in the statement.
 */
export function filterClause(
  filters: AuditFilter,
  placeholder: Placeholder,
  first = 1,
): { clause: string; args: unknown[] } {
  const conditions: [string, unknown][] = [];
  if (filters.actor !== undefined) conditions.push(['actor_key = ', filters.actor]);
  if (filters.event !== undefined) conditions.push(['event = ', filters.event]);
  if (filters.namespace !== undefined) {
    conditions.push([
      'seq IN (SELECT audit_seq FROM audit_namespaces WHERE namespace = ',
      filters.namespace,
    ]);
  }
  if (filters.outcome !== undefined) conditions.push(['outcome = ', filters.outcome]);
  if (filters.from !== undefined) conditions.push(['ts >= ', filters.from]);
  if (filters.to !== undefined) conditions.push(['ts < ', filters.to]);
  return {
    clause: conditions
      .map(([condition], index) => {
        const value = `${condition}${placeholder(first + index)}`;
        return condition.startsWith('seq IN') ? `${value})` : value;
      })
      .join(' AND '),
    args: conditions.map(([, arg]) => arg),
  };
}

/** ` WHERE <clause>`, ` AND <clause>` or nothing. */
export function joined(clause: string, keyword: 'WHERE' | 'AND'): string {
  return clause === '' ? '' : ` ${keyword} ${clause}`;
}

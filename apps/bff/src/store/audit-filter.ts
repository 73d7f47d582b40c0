/** The WHERE clause of an audit filter, for either engine (each writes its own placeholders). */
import type { AuditFilter } from '../audit/trail';

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

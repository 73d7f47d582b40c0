/**
 * Tables with sortable column headers. Sorting state belongs to the URL; the header only reports
 * clicks and shows the current order (aria-sort).
 */
import type { ReactNode, ThHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

export function Table({ children, caption }: { children: ReactNode; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-border bg-card">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn('border-b border-border px-3 py-2 font-medium text-muted', className)}
      {...props}
    />
  );
}

export function SortableTh({
  column,
  sort,
  onSort,
  className,
  children,
}: {
  column: string;
  sort: SortState | undefined;
  onSort: (next: SortState) => void;
  className?: string;
  children: ReactNode;
}) {
  const active = sort?.column === column;
  const direction = active ? sort.direction : undefined;
  return (
    <Th
      className={className}
      aria-sort={
        direction === undefined ? 'none' : direction === 'asc' ? 'ascending' : 'descending'
      }
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 font-medium hover:text-fg"
        onClick={() => {
          onSort({ column, direction: active && direction === 'desc' ? 'asc' : 'desc' });
        }}
      >
        {children}
        <span aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </Th>
  );
}

export function Td({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <td className={cn('border-b border-border px-3 py-2 align-top', className)}>{children}</td>
  );
}

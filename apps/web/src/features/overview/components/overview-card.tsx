/**
 * One card of the overview: a titled region of the page (a landmark its heading names), with
 * an optional description, actions and footer.
 */
import { useId, type ReactNode } from 'react';
import { cn } from '../../../lib/cn';

export function OverviewCard({
  title,
  description,
  actions,
  footer,
  className,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={cn('flex min-w-0 flex-col rounded-lg border border-border bg-card p-4', className)}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={id} className="font-semibold">
            {title}
          </h2>
          {description === undefined ? null : (
            <p className="mt-0.5 text-sm text-muted">{description}</p>
          )}
        </div>
        {actions}
      </div>
      <div className="min-w-0 flex-1">{children}</div>
      {footer === undefined ? null : (
        <div className="mt-3 border-t border-border pt-3 text-sm">{footer}</div>
      )}
    </section>
  );
}

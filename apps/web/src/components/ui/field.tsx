/**
 * Form fields with their label, help text and error, wired for screen readers: the error is the
 * field's description and marks it invalid.
 */
import {
  useId,
  type ComponentProps,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { cn } from '../../lib/cn';

const CONTROL =
  'w-full rounded-md border border-border bg-card px-3 text-sm text-fg placeholder:text-muted ' +
  'aria-[invalid=true]:border-danger disabled:opacity-60';

/**
 * One height for a one-line control: an input and a select side by side line up (left to the
 * browser, a select and an input with the same padding differ by a couple of pixels).
 */
const ONE_LINE = 'h-9';

export interface FieldProps {
  label: string;
  /** The label for screen readers only (the control explains itself, e.g. by its placeholder). */
  labelHidden?: boolean;
  help?: ReactNode;
  error?: string | undefined;
  children: (control: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
  className?: string;
}

export function Field({
  label,
  labelHidden = false,
  help,
  error,
  children,
  className,
}: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help === undefined ? null : helpId, error === undefined ? null : errorId]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : 'text-sm font-medium'}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
        ...(error === undefined ? {} : { 'aria-invalid': true }),
      })}
      {help === undefined ? null : (
        <p id={helpId} className="text-xs text-muted">
          {help}
        </p>
      )}
      {error === undefined ? null : (
        <p id={errorId} className="text-xs text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(CONTROL, ONE_LINE, className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(CONTROL, ONE_LINE, className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(CONTROL, 'min-h-24 py-2', className)} {...props} />;
}

/**
 * Buttons. A disabled action says why: `disabledReason` becomes the button's description, read
 * by screen readers and shown on hover.
 */
import { useId, type ButtonHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';

const VARIANTS = {
  primary: 'bg-primary text-primary-fg hover:bg-primary-hover border-transparent',
  secondary: 'bg-card text-fg border-border hover:bg-hover',
  danger: 'bg-danger text-danger-fg hover:bg-danger-hover border-transparent',
  ghost: 'bg-transparent text-fg border-transparent hover:bg-hover',
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  size?: 'sm' | 'md';
  /** When set, the button is disabled and this text explains why. */
  disabledReason?: string | undefined;
  busy?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  disabledReason,
  busy = false,
  className,
  disabled,
  type = 'button',
  children,
  ...props
}: ButtonProps) {
  const reasonId = useId();
  const isDisabled = disabled === true || disabledReason !== undefined || busy;
  return (
    <>
      <button
        type={type}
        disabled={isDisabled}
        aria-busy={busy || undefined}
        aria-describedby={disabledReason === undefined ? undefined : reasonId}
        title={disabledReason}
        // No colour transitions: half-way between two colours (a hover, a theme switch) a
        // button's text and background can fall under 4.5:1; each end state keeps it.
        className={cn(
          'inline-flex items-center justify-center gap-1.5 rounded-md border font-medium',
          'disabled:cursor-not-allowed disabled:opacity-50',
          size === 'sm' ? 'px-2.5 py-1 text-sm' : 'px-3.5 py-2 text-sm',
          VARIANTS[variant],
          className,
        )}
        {...props}
      >
        {children}
      </button>
      {disabledReason === undefined ? null : (
        <span id={reasonId} className="sr-only">
          {disabledReason}
        </span>
      )}
    </>
  );
}

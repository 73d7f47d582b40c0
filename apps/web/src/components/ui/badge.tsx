/** Status as a coloured badge with text (never colour alone). */
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

const TONES = {
  neutral: 'border-border text-muted',
  success: 'border-success/50 text-success',
  warning: 'border-warning/60 text-warning',
  danger: 'border-danger/50 text-danger',
  info: 'border-info/50 text-info',
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium',
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}

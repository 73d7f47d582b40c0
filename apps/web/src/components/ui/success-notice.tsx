/**
 * What a change just did, said once on the page it came from (a status, read out by screen
 * readers), until the user dismisses it or makes the next change.
 */
import type { ReactNode } from 'react';
import { Button } from './button';

export function SuccessNotice({
  children,
  dismissLabel,
  onDismiss,
}: {
  children: ReactNode;
  dismissLabel: string;
  onDismiss: () => void;
}) {
  return (
    <div
      role="status"
      className="flex items-center justify-between gap-3 rounded-md border border-success/50 bg-card px-3 py-2 text-sm"
    >
      <span>{children}</span>
      <Button size="sm" variant="ghost" aria-label={dismissLabel} onClick={onDismiss}>
        ✕
      </Button>
    </div>
  );
}

/**
 * The state around a mutation a user confirms first (a delete, a removal): what is being
 * confirmed, opening and closing the confirmation, and sending the mutation. The mutation's error
 * stays for the dialog to show until it closes; closing (or asking again) forgets it. Meant for
 * `ConfirmDialog`: spread `dialog` into it.
 */
import type { UseMutationResult } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

export interface ConfirmedMutation<T> {
  /** What the user is asked to confirm; undefined while nothing is asked. */
  target: T | undefined;
  /** Asks to confirm `target` (opens the dialog), forgetting an earlier attempt's outcome. */
  ask: (target: T) => void;
  /** The dialog's part: open, busy while sending, the error, confirm and close. */
  dialog: {
    open: boolean;
    busy: boolean;
    error: unknown;
    onConfirm: () => void;
    onClose: () => void;
  };
}

export function useConfirmedMutation<T, TData, TError, TVariables, TContext>(
  mutation: UseMutationResult<TData, TError, TVariables, TContext>,
  /** What the mutation is sent for the confirmed target. */
  variables: (target: T) => TVariables,
  options: {
    /** After the mutation succeeded (the dialog closes). */
    onSuccess?: (data: TData, target: T) => void;
  } = {},
): ConfirmedMutation<T> {
  const [target, setTarget] = useState<T | undefined>(undefined);
  const { reset } = mutation;
  const ask = useCallback(
    (next: T) => {
      reset();
      setTarget(next);
    },
    [reset],
  );
  return {
    target,
    ask,
    dialog: {
      open: target !== undefined,
      busy: mutation.isPending,
      error: mutation.error ?? undefined,
      onConfirm: () => {
        if (target === undefined) return;
        mutation.mutate(variables(target), {
          onSuccess: (data) => {
            options.onSuccess?.(data, target);
            setTarget(undefined);
          },
        });
      },
      onClose: () => {
        setTarget(undefined);
        reset();
      },
    },
  };
}

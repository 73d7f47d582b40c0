/**
 * Doing something on a user's intent to follow a link, before the click: the pointer resting on
 * it, keyboard focus, a touch. Links use it to start loading what they lead to.
 */
import { useCallback, useEffect, useRef } from 'react';

/** How long the pointer rests on a link before it counts as intent (passing over does not). */
export const INTENT_DELAY_MS = 50;

export interface IntentHandlers {
  onMouseEnter: () => void;
  onMouseLeave: () => void;
  onFocus: () => void;
  onTouchStart: () => void;
}

/**
 * Handlers that run `action` on intent: the pointer resting on the element for
 * {@link INTENT_DELAY_MS}, keyboard focus or a touch. One timer is shared by every element given
 * handlers from the same hook (one pointer rests in one place).
 */
export function useIntent(): (action: () => void) => IntentHandlers {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(
    (action: () => void): IntentHandlers => ({
      onMouseEnter: () => {
        clearTimeout(timer.current);
        timer.current = setTimeout(action, INTENT_DELAY_MS);
      },
      onMouseLeave: () => {
        clearTimeout(timer.current);
      },
      onFocus: action,
      onTouchStart: action,
    }),
    [],
  );
}

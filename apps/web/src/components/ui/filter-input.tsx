/**
 * A text filter: typed freely, sent (to the URL, and so to the server, or to a search) once typing
 * pauses, and at once when the field is left or Enter is pressed. Text that cannot be sent (the
 * caller's `problem`) is explained instead; the current value is not sent again.
 */
import { useEffect, useRef, useState } from 'react';
import { Field, Input } from './field';

export interface FilterInputProps {
  label: string;
  /** The label for screen readers only (the placeholder says what the field is). */
  labelHidden?: boolean;
  placeholder?: string | undefined;
  /** The filter in effect (what the URL says); the field starts with it. */
  value: string;
  /** Sends a filter, trimmed. */
  onCommit: (value: string) => void;
  /** Why a text cannot be sent, shown as the field's error; undefined when it can. */
  problem?: (text: string) => string | undefined;
  maxLength?: number | undefined;
  /** How long typing must pause before the filter is sent. */
  delayMs?: number;
  className?: string | undefined;
  /** The text as typed, when the caller keeps it (to clear it, or to know it is empty). */
  text?: string;
  onTextChange?: (text: string) => void;
}

const DEFAULT_DELAY_MS = 300;

export function FilterInput({
  label,
  labelHidden = false,
  placeholder,
  value,
  onCommit,
  problem,
  maxLength,
  delayMs = DEFAULT_DELAY_MS,
  className,
  text: keptText,
  onTextChange,
}: FilterInputProps) {
  const [ownText, setOwnText] = useState(value);
  const text = keptText ?? ownText;
  /** The filter waiting for typing to pause, and its timer. */
  const pending = useRef<{ filter: string; timer: ReturnType<typeof setTimeout> } | undefined>(
    undefined,
  );
  // A send runs later: it must use the latest callback, whose URL includes any change made
  // meanwhile (a sort clicked while typing), and compare with the latest value.
  const latest = useRef({ onCommit, value });
  useEffect(() => {
    latest.current = { onCommit, value };
  });
  useEffect(
    () => () => {
      clearTimeout(pending.current?.timer);
    },
    [],
  );
  const send = () => {
    const waiting = pending.current;
    if (waiting === undefined) return;
    clearTimeout(waiting.timer);
    pending.current = undefined;
    // Back to what is in effect: a needless URL change could undo a navigation under way.
    if (waiting.filter !== latest.current.value) latest.current.onCommit(waiting.filter);
  };
  const change = (next: string) => {
    setOwnText(next);
    onTextChange?.(next);
    clearTimeout(pending.current?.timer);
    pending.current = undefined;
    if (problem?.(next) !== undefined || next.trim() === value) return;
    pending.current = { filter: next.trim(), timer: setTimeout(send, delayMs) };
  };
  return (
    <Field className={className} label={label} labelHidden={labelHidden} error={problem?.(text)}>
      {(control) => (
        <Input
          {...control}
          type="search"
          value={text}
          placeholder={placeholder}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          // Leaving the field (a link or a sort clicked while typing) sends what was typed at
          // once, before the click acts: a send after a navigation would take the user back.
          onBlur={send}
          onKeyDown={(event) => {
            if (event.key === 'Enter') send();
          }}
          onChange={(event) => {
            change(event.target.value);
          }}
        />
      )}
    </Field>
  );
}

/**
 * A text filter of a server-side list: typed freely, sent to the URL (and so to the server) once
 * typing pauses. Text SWR cannot filter on (a `|`) is explained instead of sent.
 */
import { useEffect, useRef, useState } from 'react';
import { Field, Input } from '../../../components/ui/field';

const DELAY_MS = 300;

export function FilterInput({
  label,
  value,
  maxLength,
  invalidMessage,
  onCommit,
}: {
  label: string;
  value: string;
  maxLength: number;
  invalidMessage: string;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The commit runs later: it must use the latest callback, whose URL includes any change made
  // meanwhile (a sort clicked while typing), not the one of the render that scheduled it.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  const invalid = text.includes('|');
  return (
    <Field className="w-60" label={label} error={invalid ? invalidMessage : undefined}>
      {(control) => (
        <Input
          {...control}
          type="search"
          value={text}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          // Leaving the field (a link or a sort clicked while typing) sends what was typed at
          // once, before the click acts: a send after a navigation would take the user back.
          onBlur={() => {
            if (timer.current === undefined) return;
            clearTimeout(timer.current);
            timer.current = undefined;
            const next = text.trim();
            if (!text.includes('|') && next !== value) commit.current(next);
          }}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            clearTimeout(timer.current);
            timer.current = undefined;
            // Nothing to send: text SWR cannot take, or back to what the URL already says (a
            // needless URL change could also undo a navigation that is under way).
            if (next.includes('|') || next.trim() === value) return;
            timer.current = setTimeout(() => {
              timer.current = undefined;
              commit.current(next.trim());
            }, DELAY_MS);
          }}
        />
      )}
    </Field>
  );
}

/**
 * A text filter of a server-side list: typed freely, sent to the URL (and so to the server) once
 * typing pauses. Text SWR cannot filter on (a `|`) is explained instead of sent.
 */
import { useEffect, useRef, useState } from 'react';
import { useNavigation } from 'react-router';
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
  // Leaving the page (a link clicked while typing) drops what was not sent yet: changing the
  // query string now would take the user back here.
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state !== 'idle') clearTimeout(timer.current);
  }, [navigation.state]);
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
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            clearTimeout(timer.current);
            // Nothing to send: text SWR cannot take, or back to what the URL already says (a
            // needless URL change could also undo a navigation that is under way).
            if (next.includes('|') || next.trim() === value) return;
            timer.current = setTimeout(() => {
              commit.current(next.trim());
            }, DELAY_MS);
          }}
        />
      )}
    </Field>
  );
}

/**
 * A searchable multi-select: a search box, the matching options as checkboxes (native, so
 * keyboard and screen readers work without extra wiring), and the chosen options as removable
 * chips that stay when the search changes. The caller owns the search (often on the server, so it
 * changes once typing pauses) and every text, so the primitive needs no translations of its own.
 */
import { useId, type ReactNode } from 'react';
import { FilterInput } from './filter-input';

export interface MultiSelectProps {
  /** The group's name, e.g. "Tags to sync". */
  label: string;
  searchLabel: string;
  searchPlaceholder?: string;
  /** The search in effect (trimmed). */
  search: string;
  /** A new search, once typing pauses (or at once on leaving the box or pressing Enter). */
  onSearchChange: (search: string) => void;
  /** How long typing must pause before the search changes. */
  searchDelayMs?: number;
  /** The options matching the search. */
  options: readonly string[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Shown below the options: loading, an error, "12 of 340 shown"... */
  status?: ReactNode;
  /** Shown when no option matches. */
  emptyText: string;
  /** Announces the chosen options, e.g. "3 tags chosen". */
  selectedText: string;
  removeLabel: (option: string) => string;
  /** No more than this many may be chosen; further options are disabled. */
  max?: number;
  help?: ReactNode;
  error?: string | undefined;
}

export function MultiSelect(props: MultiSelectProps) {
  const id = useId();
  const { selected, onChange } = props;
  const full = props.max !== undefined && selected.length >= props.max;
  const toggle = (option: string, checked: boolean) => {
    onChange(checked ? [...selected, option] : selected.filter((value) => value !== option));
  };
  const describedBy = [
    props.help === undefined ? null : `${id}-help`,
    props.error === undefined ? null : `${id}-error`,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <fieldset
      className="flex flex-col gap-2"
      aria-describedby={describedBy === '' ? undefined : describedBy}
      aria-invalid={props.error === undefined ? undefined : true}
    >
      <legend className="mb-1 text-sm font-medium">{props.label}</legend>
      <FilterInput
        label={props.searchLabel}
        labelHidden
        placeholder={props.searchPlaceholder}
        value={props.search}
        onCommit={props.onSearchChange}
        {...(props.searchDelayMs === undefined ? {} : { delayMs: props.searchDelayMs })}
      />
      <div className="max-h-52 overflow-y-auto rounded-md border border-border">
        {props.options.length === 0 ? (
          <p className="px-3 py-2 text-sm text-muted">{props.emptyText}</p>
        ) : (
          <ul className="flex flex-col">
            {props.options.map((option) => {
              const checked = selected.includes(option);
              return (
                <li key={option}>
                  <label className="flex cursor-pointer items-center gap-2 px-3 py-1.5 font-mono text-sm hover:bg-hover">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(event) => {
                        toggle(option, event.target.checked);
                      }}
                    />
                    {option}
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {props.status === undefined ? null : <div className="text-xs text-muted">{props.status}</div>}
      <div aria-live="polite" className="flex flex-col gap-1">
        <p className="text-sm">{props.selectedText}</p>
        {selected.length === 0 ? null : (
          <ul className="flex flex-wrap gap-1">
            {selected.map((option) => (
              <li key={option}>
                <button
                  type="button"
                  className="inline-flex items-center gap-1 rounded-full border border-border bg-hover px-2 py-0.5 font-mono text-xs hover:border-danger"
                  aria-label={props.removeLabel(option)}
                  onClick={() => {
                    toggle(option, false);
                  }}
                >
                  {option}
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {props.help === undefined ? null : (
        <p id={`${id}-help`} className="text-xs text-muted">
          {props.help}
        </p>
      )}
      {props.error === undefined ? null : (
        <p id={`${id}-error`} className="text-xs text-danger" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * A set of radio buttons under one legend, each option with an optional explanation. Arrow keys
 * move between options (the browser's own radio behaviour).
 */
import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  description?: ReactNode;
}

export interface RadioGroupProps<T extends string> {
  legend: string;
  value: T;
  options: readonly RadioOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Options side by side instead of one under another. */
  inline?: boolean;
  className?: string;
}

export function RadioGroup<T extends string>({
  legend,
  value,
  options,
  onChange,
  disabled = false,
  inline = false,
  className,
}: RadioGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className={cn('flex flex-col gap-1', className)} disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {/* Side by side, the cards share the row equally, whatever their texts. */}
      <div className={cn('grid gap-2', inline ? 'sm:auto-cols-fr sm:grid-flow-col' : '')}>
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div
              key={option.value}
              className={cn(
                'flex items-start gap-2 rounded-md border px-3 py-2',
                value === option.value ? 'border-primary' : 'border-border',
              )}
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                aria-describedby={option.description === undefined ? undefined : `${id}-help`}
                className="mt-1 accent-primary"
                onChange={() => {
                  onChange(option.value);
                }}
              />
              <div className="flex flex-col text-sm">
                <label htmlFor={id} className="font-medium">
                  {option.label}
                </label>
                {option.description === undefined ? null : (
                  <span id={`${id}-help`} className="text-xs text-muted">
                    {option.description}
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The regions a view built on the fleet index shows (lib/region-scope.ts): all the user has, or
 * one of them, the page's own first chosen. The texts are the view's own, already translated.
 */
import type { RegionScope } from '../lib/region-scope';
import { useMe } from '../lib/session';
import { Field, Select } from './ui/field';

export interface RegionScopeSelectProps {
  label: string;
  /** The option for every region. */
  allLabel: string;
  scope: RegionScope;
}

export function RegionScopeSelect({ label, allLabel, scope }: RegionScopeSelectProps) {
  const me = useMe();
  return (
    <Field label={label} className="w-44">
      {(control) => (
        <Select
          {...control}
          value={scope.scope ?? 'all'}
          onChange={(event) => {
            scope.choose(event.target.value);
          }}
        >
          <option value="all">{allLabel}</option>
          {me.regions.map(({ id }) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

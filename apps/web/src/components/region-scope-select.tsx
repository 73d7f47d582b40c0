/**
 * The regions a view built on the fleet index shows (lib/region-scope.ts): all the user has, or
 * one of them. The texts are the view's own, already translated.
 */
import { Field, Select } from './ui/field';

export interface RegionScopeSelectProps {
  label: string;
  /** The option for every region. */
  allLabel: string;
  /** The page's region, and every region the user has. */
  region: string;
  regions: readonly string[];
  allRegions: boolean;
  /** `all`, or a region's id. */
  onChoose: (choice: string) => void;
}

export function RegionScopeSelect({
  label,
  allLabel,
  region,
  regions,
  allRegions,
  onChoose,
}: RegionScopeSelectProps) {
  return (
    <Field label={label} className="w-44">
      {(control) => (
        <Select
          {...control}
          value={allRegions ? 'all' : region}
          onChange={(event) => {
            onChoose(event.target.value);
          }}
        >
          <option value="all">{allLabel}</option>
          {regions.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

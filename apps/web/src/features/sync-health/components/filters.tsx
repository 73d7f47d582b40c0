/**
 * The view's filters: the regions shown (the page's own or all, as the Fleet grid), the source
 * organization, and the statuses shown. Each change goes to the URL at once.
 */
import { useTranslation } from 'react-i18next';
import { RegionScopeSelect } from '../../../components/region-scope-select';
import { Button } from '../../../components/ui/button';
import { Field, Select } from '../../../components/ui/field';
import type { RegionScope } from '../../../lib/region-scope';
import { STATUSES, type Status } from '../rows';
import { DEFAULT_STATUSES, type HealthView } from '../view-state';

export interface FiltersProps {
  view: HealthView;
  /** The page's regions (its own, or all), and their choice. */
  scope: RegionScope;
  organizations: readonly string[];
  onChange: (changes: Partial<HealthView>) => void;
}

export function Filters({ view, scope, organizations, onChange }: FiltersProps) {
  const { t } = useTranslation('sync-health');
  const filtered =
    view.organization !== undefined ||
    view.statuses.length !== DEFAULT_STATUSES.length ||
    view.statuses.some((status) => !DEFAULT_STATUSES.includes(status));
  const toggle = (status: Status, on: boolean) => {
    const chosen = new Set(view.statuses);
    if (on) chosen.add(status);
    else chosen.delete(status);
    onChange({ statuses: STATUSES.filter((candidate) => chosen.has(candidate)) });
  };
  // An organization from the URL that the answer does not hold stays choosable (and shows none).
  const choices =
    view.organization === undefined || organizations.includes(view.organization)
      ? organizations
      : [...organizations, view.organization];
  return (
    <div role="search" aria-label={t('filters.label')} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <RegionScopeSelect label={t('regions.label')} allLabel={t('regions.all')} scope={scope} />
        <Field label={t('filters.organization')} className="w-56">
          {(control) => (
            <Select
              {...control}
              value={view.organization ?? ''}
              onChange={(event) => {
                const value = event.target.value;
                onChange({ organization: value === '' ? undefined : value });
              }}
            >
              <option value="">{t('filters.allOrganizations')}</option>
              {choices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              onChange({ organization: undefined, statuses: DEFAULT_STATUSES });
            }}
          >
            {t('filters.clear')}
          </Button>
        ) : null}
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
        <legend className="mb-1 text-sm font-medium">{t('filters.statuses')}</legend>
        {STATUSES.map((status) => (
          <label key={status} className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={view.statuses.includes(status)}
              onChange={(event) => {
                toggle(status, event.target.checked);
              }}
            />
            {t(`statusFilter.${status}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

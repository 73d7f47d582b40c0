/**
 * The grid's filters: the regions shown, a text filter on the organization and repository names,
 * the facets, and more than N tags. Each change goes to the URL at once (the text once typing
 * pauses); the grid filters what it already holds.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionScopeSelect } from '../../../components/region-scope-select';
import { Button } from '../../../components/ui/button';
import { Field, Input } from '../../../components/ui/field';
import { FilterInput } from '../../../components/ui/filter-input';
import type { RegionScope } from '../../../lib/region-scope';
import { FACETS, type Facet } from '../rows';
import { TEXT_MAX, type FleetView } from '../view-state';

export interface FleetFiltersProps {
  view: FleetView;
  /** The page's regions (its own, or all), and their choice. */
  scope: RegionScope;
  onChange: (changes: Partial<FleetView>) => void;
  onClear: () => void;
}

/** A whole number ≥ 0, or undefined for an empty field; null when the text is neither. */
function tagsOverOf(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

export function FleetFilters({ view, scope, onChange, onClear }: FleetFiltersProps) {
  const { t } = useTranslation('fleet');
  const [tagsText, setTagsText] = useState(
    view.tagsOver === undefined ? '' : String(view.tagsOver),
  );
  const tagsProblem = tagsOverOf(tagsText) === null ? t('filters.tagsOverProblem') : undefined;
  const filtered = view.text !== '' || view.facets.length > 0 || view.tagsOver !== undefined;
  const toggle = (facet: Facet, on: boolean) => {
    const chosen = new Set(view.facets);
    if (on) chosen.add(facet);
    else chosen.delete(facet);
    onChange({ facets: FACETS.filter((candidate) => chosen.has(candidate)) });
  };
  return (
    <div role="search" aria-label={t('filters.label')} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <RegionScopeSelect label={t('regions.label')} allLabel={t('regions.all')} scope={scope} />
        <FilterInput
          className="w-64"
          label={t('filters.text')}
          placeholder={t('filters.textPlaceholder')}
          maxLength={TEXT_MAX}
          value={view.text}
          onCommit={(text) => {
            onChange({ text });
          }}
        />
        <Field label={t('filters.tagsOver')} className="w-36" error={tagsProblem}>
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={tagsText}
              onChange={(event) => {
                setTagsText(event.target.value);
                const value = tagsOverOf(event.target.value);
                if (value !== null) onChange({ tagsOver: value });
              }}
            />
          )}
        </Field>
        {filtered ? (
          <Button variant="ghost" className="mt-6" onClick={onClear}>
            {t('filters.clear')}
          </Button>
        ) : null}
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
        <legend className="mb-1 text-sm font-medium">{t('filters.facets')}</legend>
        {FACETS.map((facet) => (
          <label key={facet} className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={view.facets.includes(facet)}
              onChange={(event) => {
                toggle(facet, event.target.checked);
              }}
            />
            {t(`filters.${facet}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

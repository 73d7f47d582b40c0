/**
 * The radar's filters: the regions shown, one group (with how many shares each holds and what
 * "ending soon" means), only the shares leaving the company, and the account chosen in the
 * accounts table. Each change goes to the URL at once.
 */
import { useTranslation } from 'react-i18next';
import { RegionScopeSelect } from '../../../components/region-scope-select';
import { Button } from '../../../components/ui/button';
import { RadioGroup } from '../../../components/ui/radio-group';
import type { RegionScope } from '../../../lib/region-scope';
import { ENDING_SOON_DAYS } from '../../../lib/share-ends';
import { GROUPS, type Group } from '../rows';
import type { RadarView } from '../view-state';

export interface RadarFiltersProps {
  view: RadarView;
  /** The page's regions (its own, or all), and their choice. */
  scope: RegionScope;
  /** How many shares each group holds, under the other filters. */
  counts: Record<Group, number>;
  onChange: (changes: Partial<RadarView>) => void;
}

export function RadarFilters({ view, scope, counts, onChange }: RadarFiltersProps) {
  const { t } = useTranslation('share-radar');
  const total = counts.ended + counts.soon + counts.later;
  const options = [
    { value: 'all' as const, label: t('filters.all', { count: total }) },
    { value: 'ended' as const, label: t('filters.ended', { count: counts.ended }) },
    {
      value: 'soon' as const,
      label: t('filters.soon', { count: counts.soon }),
      description: t('filters.soonHelp', { count: ENDING_SOON_DAYS }),
    },
    {
      value: 'later' as const,
      label: t('filters.later', { count: counts.later }),
      description: t('filters.laterHelp'),
    },
  ];
  const filtered = view.group !== undefined || view.account !== undefined || view.leaving;
  return (
    <div role="search" aria-label={t('filters.label')} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <RegionScopeSelect label={t('regions.label')} allLabel={t('regions.all')} scope={scope} />
        <label className="inline-flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            className="size-4"
            checked={view.leaving}
            onChange={(event) => {
              onChange({ leaving: event.target.checked });
            }}
          />
          {t('filters.leaving')}
        </label>
        {view.account === undefined ? null : (
          <span className="inline-flex items-center gap-1 pb-1 text-sm">
            {t('filters.account', { account: view.account })}
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                onChange({ account: undefined });
              }}
            >
              {t('filters.clearAccount')}
            </Button>
          </span>
        )}
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              onChange({ group: undefined, account: undefined, leaving: false });
            }}
          >
            {t('filters.clear')}
          </Button>
        ) : null}
      </div>
      <RadioGroup
        inline
        legend={t('filters.group')}
        value={view.group ?? 'all'}
        options={options}
        onChange={(value) => {
          onChange({ group: GROUPS.find((group) => group === value) });
        }}
      />
    </div>
  );
}

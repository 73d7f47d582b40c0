/**
 * The repositories a job acts on, picked from the fleet index of the page's region (a scoped
 * user's index holds only their organizations): a search, the matching repositories as
 * checkboxes, the chosen ones as removable chips, up to the contract's limit. Every new job's form
 * uses it: the tag clean-up's, the templates' and the changes'.
 */
import { JOB_MAX_REPOSITORIES } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MultiSelect } from '../../../components/ui/multi-select';
import { ErrorNotice } from '../../../components/ui/states';
import { fleetIndexQuery, indexBuilding } from '../../../lib/fleet-index';
import { useFormat } from '../../../lib/format';

/** Repositories the picker lists at most for one search. */
const OPTIONS_SHOWN = 200;

export function RepositoryPicker({
  region,
  selected,
  onChange,
  error,
}: {
  region: string;
  /** `organization/repository` of each repository chosen. */
  selected: string[];
  onChange: (selected: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const format = useFormat();
  const [search, setSearch] = useState('');
  const index = useQuery(fleetIndexQuery(region));
  const names = useMemo(
    () =>
      (index.data?.repositories ?? [])
        .filter((repository) => repository.region === region)
        .map((repository) => `${repository.namespace}/${repository.name}`)
        .sort(),
    [index.data, region],
  );
  const needle = search.toLowerCase();
  const matching = names.filter((name) => name.toLowerCase().includes(needle));
  const options = matching.slice(0, OPTIONS_SHOWN);
  const status = index.isPending
    ? t('form.repositories.loading')
    : index.isError
      ? null
      : indexBuilding(index.data)
        ? t('form.repositories.building')
        : t('form.repositories.shown', {
            shown: format.number(options.length),
            total: format.number(matching.length),
          });
  return (
    <div className="flex flex-col gap-2">
      <MultiSelect
        label={t('form.repositories.label')}
        searchLabel={t('form.repositories.search')}
        searchPlaceholder={t('form.repositories.searchPlaceholder')}
        search={search}
        onSearchChange={setSearch}
        // The index is filtered here, not on a server: the list follows each keystroke, so it
        // never moves under a click made right after typing.
        searchDelayMs={0}
        options={options}
        selected={selected}
        onChange={onChange}
        status={status}
        emptyText={t('form.repositories.none')}
        selectedText={t('form.repositories.chosen', { count: selected.length })}
        removeLabel={(option) => t('form.repositories.remove', { name: option })}
        max={JOB_MAX_REPOSITORIES}
        help={t('form.repositories.help', { max: JOB_MAX_REPOSITORIES })}
        error={error}
      />
      {index.isError ? (
        <ErrorNotice error={index.error} what={t('form.repositories.failed')} />
      ) : null}
    </div>
  );
}

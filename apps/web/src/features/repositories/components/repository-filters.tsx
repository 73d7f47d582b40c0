/** The repository list's filters: organization, name, category and visibility. */
import { REPOSITORY_CATEGORIES } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Field, Input, Select } from '../../../components/ui/field';
import { organizationsQuery } from '../../../lib/swr-queries';
import type { RepositoryListState } from '../list-state';

export interface RepositoryFiltersProps {
  region: string;
  state: RepositoryListState;
  /** Hides the organization filter (an organization's page). */
  fixedNamespace?: string | undefined;
}

export function RepositoryFilters({ region, state, fixedNamespace }: RepositoryFiltersProps) {
  const { t } = useTranslation(['repositories', 'common']);
  const organizations = useQuery({
    ...organizationsQuery(region),
    enabled: fixedNamespace === undefined,
  });
  const { filters } = state;
  const known = organizations.data?.some((ns) => ns.name === filters.namespace) === true;
  return (
    <div role="search" aria-label={t('filters.label')} className="flex flex-wrap items-end gap-3">
      {fixedNamespace === undefined ? (
        <Field label={t('filters.organization')} className="w-44">
          {(control) => (
            <Select
              {...control}
              value={filters.namespace}
              onChange={(event) => {
                state.setFilter({ namespace: event.target.value });
              }}
            >
              <option value="">{t('filters.allOrganizations')}</option>
              {(organizations.data ?? []).map((ns) => (
                <option key={ns.name} value={ns.name}>
                  {ns.name}
                </option>
              ))}
              {filters.namespace !== '' && !known ? (
                <option value={filters.namespace}>{filters.namespace}</option>
              ) : null}
            </Select>
          )}
        </Field>
      ) : null}
      <Field label={t('filters.name')} className="w-48">
        {(control) => (
          <Input
            {...control}
            type="search"
            placeholder={t('filters.namePlaceholder')}
            maxLength={128}
            value={filters.name}
            onChange={(event) => {
              state.setFilter({ name: event.target.value });
            }}
          />
        )}
      </Field>
      <Field label={t('filters.category')} className="w-44">
        {(control) => (
          <Select
            {...control}
            value={filters.category}
            onChange={(event) => {
              const category = REPOSITORY_CATEGORIES.find((c) => c === event.target.value) ?? '';
              state.setFilter({ category });
            }}
          >
            <option value="">{t('filters.allCategories')}</option>
            {REPOSITORY_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`common:categories.${category}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('filters.visibility')} className="w-36">
        {(control) => (
          <Select
            {...control}
            value={filters.visibility}
            onChange={(event) => {
              const value = event.target.value;
              state.setFilter({
                visibility: value === 'public' || value === 'private' ? value : '',
              });
            }}
          >
            <option value="">{t('filters.anyVisibility')}</option>
            <option value="public">{t('visibility.public')}</option>
            <option value="private">{t('visibility.private')}</option>
          </Select>
        )}
      </Field>
      {state.filtered ? (
        <Button
          variant="ghost"
          onClick={() => {
            state.clearFilters();
          }}
        >
          {t('filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}

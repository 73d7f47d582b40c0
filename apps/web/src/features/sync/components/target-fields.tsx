/**
 * Where a sync goes: another region of the console, an organization there (suggested from that
 * region's organizations, checked against SWR's name rule as typed), and whether to overwrite a
 * different image of the same tag there.
 */
import { namespaceName } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input, Select } from '../../../components/ui/field';
import { targetOrganizationsQuery } from '../api';

export interface TargetValue {
  remoteRegionId: string;
  remoteNamespace: string;
  override: boolean;
}

/** Why an organization name cannot be a target, as text, or undefined. */
export function organizationProblem(name: string, t: (key: string) => string): string | undefined {
  if (name === '') return undefined;
  return namespaceName.safeParse(name).success ? undefined : t('sync:target.organizationRule');
}

export function TargetFields({
  regions,
  value,
  onChange,
  organizationError,
}: {
  /** The regions a sync may go to (every region but the repository's). */
  regions: readonly string[];
  value: TargetValue;
  onChange: (next: TargetValue) => void;
  organizationError: string | undefined;
}) {
  const { t } = useTranslation(['sync', 'common']);
  const listId = useId();
  const organizations = useQuery({
    ...targetOrganizationsQuery(value.remoteRegionId),
    enabled: value.remoteRegionId !== '',
  });
  const known = organizations.data ?? [];
  const help = organizations.isError
    ? t('target.organizationsFailed', { region: value.remoteRegionId })
    : organizations.isSuccess
      ? known.length === 0
        ? t('target.noOrganizations', { region: value.remoteRegionId })
        : t('target.organizationHelp', { region: value.remoteRegionId, count: known.length })
      : t('target.organizationsLoading');
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <Field label={t('target.region')}>
        {(control) => (
          <Select
            {...control}
            value={value.remoteRegionId}
            onChange={(event) => {
              onChange({ ...value, remoteRegionId: event.target.value });
            }}
          >
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label={t('target.organization')}
        help={help}
        error={organizationProblem(value.remoteNamespace, t) ?? organizationError}
      >
        {(control) => (
          <>
            <Input
              {...control}
              list={listId}
              value={value.remoteNamespace}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              onChange={(event) => {
                onChange({ ...value, remoteNamespace: event.target.value });
              }}
            />
            <datalist id={listId}>
              {known.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <label className="flex items-start gap-2 text-sm sm:col-span-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={value.override}
          onChange={(event) => {
            onChange({ ...value, override: event.target.checked });
          }}
        />
        <span>
          {t('target.override')}
          <span className="block text-xs text-muted">{t('target.overrideHelp')}</span>
        </span>
      </label>
    </div>
  );
}

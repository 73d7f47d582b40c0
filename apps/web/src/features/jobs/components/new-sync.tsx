/**
 * Automatic sync for many repositories: each gets a policy copying its new pushes to another
 * region the console manages, into the organization named (suggested from that region's
 * organizations) or, left empty, into the organization of the repository's own name. A repository
 * that syncs there already is left as it is.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input, Select } from '../../../components/ui/field';
import { useMe } from '../../../lib/session';
import { organizationsQuery } from '../../../lib/swr-queries';
import { syncSpecOf, type SyncDraft } from '../template-drafts';
import { useDraft } from './job-form';
import { TemplateForm, type NewTemplateProps } from './template-form';

function Check({
  label,
  help,
  checked,
  onChange,
}: {
  label: string;
  help: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const helpId = useId();
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        className="mt-1"
        checked={checked}
        aria-describedby={helpId}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <span>
        {label}
        <span id={helpId} className="block text-xs text-muted">
          {help}
        </span>
      </span>
    </label>
  );
}

export function NewSync(props: NewTemplateProps) {
  const { region } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const listId = useId();
  const targets = useMe()
    .regions.map((candidate) => candidate.id)
    .filter((id) => id !== region);
  const [draft, update] = useDraft<SyncDraft>(() => ({
    remoteRegionId: targets[0] ?? '',
    remoteNamespace: '',
    syncAuto: true,
    override: false,
  }));
  const organizations = useQuery({
    ...organizationsQuery(draft.remoteRegionId),
    enabled: draft.remoteRegionId !== '',
  });
  const known = (organizations.data ?? []).map((organization) => organization.name);
  return (
    <TemplateForm
      {...props}
      kind="sync-template"
      check={(repositories) => syncSpecOf(region, repositories, draft)}
    >
      {(problem) => (
        <>
          <div className="grid gap-3 md:grid-cols-2">
            <Field
              label={t('newJob.sync.region')}
              help={targets.length === 0 ? t('newJob.sync.noRegion') : undefined}
              error={problem('remoteRegionId')}
            >
              {(control) => (
                <Select
                  {...control}
                  value={draft.remoteRegionId}
                  onChange={(event) => {
                    update({ remoteRegionId: event.target.value });
                  }}
                >
                  {targets.map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('newJob.sync.organization')}
              help={t('newJob.sync.organizationHelp', { region: draft.remoteRegionId })}
              error={problem('remoteNamespace')}
            >
              {(control) => (
                <>
                  <Input
                    {...control}
                    list={listId}
                    value={draft.remoteNamespace}
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={64}
                    onChange={(event) => {
                      update({ remoteNamespace: event.target.value });
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
          </div>
          <Check
            label={t('newJob.sync.syncAuto')}
            help={t('newJob.sync.syncAutoHelp')}
            checked={draft.syncAuto}
            onChange={(syncAuto) => {
              update({ syncAuto });
            }}
          />
          <Check
            label={t('newJob.sync.override')}
            help={t('newJob.sync.overrideHelp')}
            checked={draft.override}
            onChange={(override) => {
              update({ override });
            }}
          />
        </>
      )}
    </TemplateForm>
  );
}

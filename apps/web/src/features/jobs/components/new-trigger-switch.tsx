/**
 * Many triggers enabled, or disabled: every trigger of the chosen repositories, or only those of
 * the names given. A trigger already as asked is left as it is.
 */
import { JOB_MAX_NAMES } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { switchSpecOf, type SwitchDraft } from '../template-drafts';
import { TemplateForm } from './template-form';

export function NewTriggerSwitch({
  region,
  initial,
  onClose,
}: {
  region: string;
  /** Repositories a link chose. */
  initial: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const [repositories, setRepositories] = useState(initial);
  const [draft, setDraft] = useState<SwitchDraft>({ enable: false, triggers: '' });
  return (
    <TemplateForm
      kind="trigger-switch"
      region={region}
      repositories={repositories}
      onRepositoriesChange={setRepositories}
      checked={switchSpecOf(region, repositories, draft)}
      onClose={onClose}
    >
      {(problem) => (
        <>
          <RadioGroup<'enable' | 'disable'>
            legend={t('newJob.switch.action')}
            value={draft.enable ? 'enable' : 'disable'}
            inline
            options={[
              { value: 'disable', label: t('newJob.switch.actions.disable') },
              { value: 'enable', label: t('newJob.switch.actions.enable') },
            ]}
            onChange={(action) => {
              setDraft((current) => ({ ...current, enable: action === 'enable' }));
            }}
          />
          <Field
            label={t('newJob.switch.triggers')}
            help={t('newJob.switch.triggersHelp')}
            error={problem('triggers', { max: JOB_MAX_NAMES })}
          >
            {(control) => (
              <Input
                {...control}
                value={draft.triggers}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  setDraft((current) => ({ ...current, triggers: event.target.value }));
                }}
              />
            )}
          </Field>
        </>
      )}
    </TemplateForm>
  );
}

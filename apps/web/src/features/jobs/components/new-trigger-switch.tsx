/**
 * Many triggers enabled, or disabled: every trigger of the chosen repositories, or only those of
 * the names given. A trigger already as asked is left as it is.
 */
import { JOB_MAX_NAMES } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { switchSpecOf, type SwitchDraft } from '../template-drafts';
import { useDraft } from './job-form';
import { TemplateForm, type NewTemplateProps } from './template-form';

export function NewTriggerSwitch(props: NewTemplateProps) {
  const { region } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const [draft, update] = useDraft<SwitchDraft>({ enable: false, triggers: '' });
  return (
    <TemplateForm
      {...props}
      kind="trigger-switch"
      check={(repositories) => switchSpecOf(region, repositories, draft)}
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
              update({ enable: action === 'enable' });
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
                  update({ triggers: event.target.value });
                }}
              />
            )}
          </Field>
        </>
      )}
    </TemplateForm>
  );
}

/**
 * One deploy trigger for many repositories: the trigger's fields (components/trigger-fields.tsx:
 * its name, where it deploys, which tags fire it, whether it starts enabled), the workload's name
 * typed with `{repository}`, each repository's own name, the namespace's workloads suggested. A
 * repository with a trigger of that name keeps it; one the trigger does not fit is left out,
 * saying why.
 */
import {
  REPOSITORY_PLACEHOLDER,
  type TriggerTemplateSpec,
} from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import {
  TriggerFields,
  triggerFieldsTexts,
  useOutsideDeployTargets,
} from '../../../components/trigger-fields';
import { triggerDraft, triggerSpecOf, type Checked, type TriggerDraft } from '../template-drafts';
import { useDraft } from './job-form';
import { TemplateForm, type NewTemplateProps } from './template-form';

export function NewTrigger(props: NewTemplateProps) {
  const { region } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const [draft, update] = useDraft<TriggerDraft>(triggerDraft);
  const outside = useOutsideDeployTargets(draft);
  const check = (repositories: string[]): Checked<TriggerTemplateSpec> => {
    const spec = triggerSpecOf(region, repositories, draft);
    if (!outside) return spec;
    return {
      ok: false,
      problems: { ...(spec.ok ? {} : spec.problems), clusterNs: 'outsideLimits' },
    };
  };
  return (
    <TemplateForm {...props} kind="trigger-template" check={check}>
      {(problem) => (
        <TriggerFields
          region={region}
          values={draft}
          onChange={update}
          errorOf={(field) => problem(field, { placeholder: REPOSITORY_PLACEHOLDER })}
          texts={triggerFieldsTexts(t)}
          workload={{
            kind: 'template',
            help: t('newJob.trigger.applicationHelp', { placeholder: REPOSITORY_PLACEHOLDER }),
          }}
        />
      )}
    </TemplateForm>
  );
}

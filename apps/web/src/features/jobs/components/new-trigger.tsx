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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TriggerFields,
  triggerFieldsTexts,
  useOutsideDeployTargets,
} from '../../../components/trigger-fields';
import { triggerDraft, triggerSpecOf, type Checked, type TriggerDraft } from '../template-drafts';
import { TemplateForm } from './template-form';

export function NewTrigger({
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
  const [draft, setDraft] = useState<TriggerDraft>(triggerDraft);
  const update = (patch: Partial<TriggerDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const outside = useOutsideDeployTargets(draft);
  const spec = triggerSpecOf(region, repositories, draft);
  const checked: Checked<TriggerTemplateSpec> = outside
    ? {
        ok: false,
        problems: { ...(spec.ok ? {} : spec.problems), clusterNs: 'outsideLimits' },
      }
    : spec;
  return (
    <TemplateForm
      kind="trigger-template"
      region={region}
      repositories={repositories}
      onRepositoriesChange={setRepositories}
      checked={checked}
      onClose={onClose}
    >
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

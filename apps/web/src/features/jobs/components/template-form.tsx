/**
 * The form of every job but the tag clean-up, in the frame all new jobs share (job-form.tsx): the
 * kind's title and description, the repositories a link chose to begin with, the kind's own
 * fields (its form's children) checked into a spec with the repositories chosen, and the
 * template's or change's preview. Also the props the Jobs page gives each kind's form.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpecOf } from '../api';
import type { TemplateKind } from '../kinds';
import type { Checked } from '../template-drafts';
import { JobForm, type ProblemOf } from './job-form';
import { TemplatePreview } from './template-preview';

/** What the Jobs page gives the form of a kind. */
export interface NewTemplateProps {
  region: string;
  /** Repositories a link chose. */
  initial: string[];
  onClose: () => void;
}

export function TemplateForm({
  kind,
  region,
  initial,
  check,
  onClose,
  children,
}: NewTemplateProps & {
  kind: TemplateKind;
  /** The form's spec for the repositories chosen, or what is wrong with it. */
  check: (repositories: string[]) => Checked<SpecOf<TemplateKind>>;
  /** The kind's fields. */
  children: (problem: ProblemOf) => ReactNode;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const [repositories, setRepositories] = useState(initial);
  return (
    <JobForm
      kind={kind}
      title={t(`newJob.${kind}.title`)}
      description={t(`newJob.${kind}.description`)}
      region={region}
      repositories={repositories}
      onRepositoriesChange={setRepositories}
      checked={check(repositories)}
      problemTexts="newJob.problems"
      onClose={onClose}
      preview={(previewing) => <TemplatePreview {...previewing} />}
    >
      {children}
    </JobForm>
  );
}

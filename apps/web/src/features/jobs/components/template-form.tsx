/**
 * The frame of every form but the tag clean-up's: the title and what the job does, the
 * repositories picked from the fleet index, the kind's own fields (its form's children), Preview
 * (exactly what changes and what stays, read from SWR by the BFF), then Start with the count
 * confirmed. A form changed since its preview must be previewed again before it starts; a start
 * refused because SWR changed since previews again and says so.
 */
import { JOB_MAX_REPOSITORIES } from '@swr-dashboard/swr-client/browser';
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/page-header';
import { ErrorNotice } from '../../../components/ui/states';
import { usePreviewJob, type SpecOf } from '../api';
import type { TemplateKind } from '../kinds';
import type { Checked } from '../template-drafts';
import { RepositoryPicker } from './repository-picker';
import { TemplatePreview, type TemplatePreviewed } from './template-preview';

/** A field's problem in words, once the user has asked for a preview; `values` for its text. */
export type ProblemOf = (field: string, values?: Record<string, unknown>) => string | undefined;

export function TemplateForm({
  kind,
  region,
  repositories,
  onRepositoriesChange,
  checked,
  onClose,
  children,
}: {
  kind: TemplateKind;
  region: string;
  /** `organization/repository` of each repository chosen. */
  repositories: string[];
  onRepositoriesChange: (repositories: string[]) => void;
  /** The form's spec, or what is wrong with it. */
  checked: Checked<SpecOf<TemplateKind>>;
  onClose: () => void;
  /** The kind's fields. */
  children: (problem: ProblemOf) => ReactNode;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const titleId = useId();
  const [submitted, setSubmitted] = useState(false);
  const [previewed, setPreviewed] = useState<TemplatePreviewed | undefined>(undefined);
  /** The count confirmed before the BFF said the preview no longer holds. */
  const [changedFrom, setChangedFrom] = useState<number | undefined>(undefined);
  const preview = usePreviewJob(kind);
  const problems = submitted && !checked.ok ? checked.problems : {};
  const problem: ProblemOf = (field, values = {}) => {
    const key = problems[field];
    return key === undefined ? undefined : t(`newJob.problems.${key}`, values);
  };
  const runPreview = (spec: SpecOf<TemplateKind>) => {
    preview.mutate(spec, {
      onSuccess: (result) => {
        setPreviewed({ spec, result });
      },
    });
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setChangedFrom(undefined);
    if (checked.ok) runPreview(checked.spec);
  };
  const stale =
    previewed !== undefined &&
    (!checked.ok || JSON.stringify(checked.spec) !== JSON.stringify(previewed.spec));
  return (
    <section aria-labelledby={titleId} className="mb-6">
      <Card>
        <h2 id={titleId} className="mb-1 text-lg font-semibold">
          {t(`newJob.${kind}.title`)}
        </h2>
        <p className="mb-4 max-w-3xl text-sm text-muted">{t(`newJob.${kind}.description`)}</p>
        {/* Outside the form: Enter in its search searches, it does not preview. */}
        <RepositoryPicker
          region={region}
          selected={repositories}
          onChange={onRepositoriesChange}
          error={problem('repositories', { max: JOB_MAX_REPOSITORIES })}
        />
        <form className="mt-4 flex flex-col gap-4" noValidate onSubmit={submit}>
          {children(problem)}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" busy={preview.isPending}>
              {t('form.preview')}
            </Button>
            <Button onClick={onClose}>{t('form.close')}</Button>
          </div>
        </form>
        {preview.isError ? (
          <div className="mt-4">
            <ErrorNotice error={preview.error} what={t('preview.failed')} />
          </div>
        ) : null}
        {previewed === undefined ? null : (
          <TemplatePreview
            key={JSON.stringify(previewed.spec)}
            previewed={previewed}
            stale={stale}
            refreshing={preview.isPending}
            changedFrom={changedFrom}
            onPreviewChanged={(count) => {
              setChangedFrom(count);
              runPreview(previewed.spec);
            }}
          />
        )}
      </Card>
    </section>
  );
}

/**
 * The frame of every new job's form (the tag clean-up's and the templates' and changes'): its
 * title and what the job does, the repositories picked from the fleet index, the kind's own fields
 * (the form's children), Preview (exactly what changes and what stays, read from SWR by the BFF),
 * then the kind's preview with Start. A field's problem shows once the user has asked for a
 * preview; a form changed since its preview must be previewed again before it starts; a start
 * refused because SWR changed since previews again, and the preview says so.
 */
import {
  JOB_MAX_REPOSITORIES,
  type JobKind,
  type JobPreviewOf,
} from '@swr-dashboard/swr-client/browser';
import { Fragment, useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/page-header';
import { ErrorNotice } from '../../../components/ui/states';
import { usePreviewJob, type SpecOf } from '../api';
import { RepositoryPicker } from './repository-picker';

/** A field's problem in words, once the user has asked for a preview; `values` for its text. */
export type ProblemOf = (field: string, values?: Record<string, unknown>) => string | undefined;

/** A preview as it was read, with the spec it was read for. */
export interface Previewed<K extends JobKind> {
  spec: SpecOf<K>;
  result: JobPreviewOf<K>;
}

/** What a kind's preview is shown with. */
export interface Previewing<K extends JobKind> {
  previewed: Previewed<K>;
  /** The form no longer asks for what was previewed. */
  stale: boolean;
  /** A preview is being read again. */
  refreshing: boolean;
  /** The count the user had confirmed when the BFF said the preview changed. */
  changedFrom: number | undefined;
  /** A start was refused because the preview no longer holds: it is read again. */
  onPreviewChanged: (confirmedCount: number) => void;
}

/** A form's draft as typed, and how a field changes it. */
export function useDraft<D>(initial: D | (() => D)): [D, (patch: Partial<D>) => void] {
  const [draft, setDraft] = useState<D>(initial);
  const update = (patch: Partial<D>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  return [draft, update];
}

export interface JobFormProps<K extends JobKind> {
  kind: K;
  title: string;
  description: string;
  region: string;
  /** `organization/repository` of each repository chosen. */
  repositories: string[];
  onRepositoriesChange: (repositories: string[]) => void;
  /** The form's spec, or what is wrong with it, field by field. */
  checked: { ok: true; spec: SpecOf<K> } | { ok: false; problems: Partial<Record<string, string>> };
  /** Where the problems' texts are, in the feature's strings. */
  problemTexts: 'form.problems' | 'newJob.problems';
  onClose: () => void;
  /** The kind's fields. */
  children: (problem: ProblemOf) => ReactNode;
  /** The kind's preview, once read. */
  preview: (previewing: Previewing<K>) => ReactNode;
}

export function JobForm<K extends JobKind>(props: JobFormProps<K>) {
  const { checked } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const titleId = useId();
  const [submitted, setSubmitted] = useState(false);
  const [previewed, setPreviewed] = useState<Previewed<K> | undefined>(undefined);
  /** The count confirmed before the BFF said the preview no longer holds. */
  const [changedFrom, setChangedFrom] = useState<number | undefined>(undefined);
  const preview = usePreviewJob(props.kind);
  const problems = submitted && !checked.ok ? checked.problems : {};
  const problem: ProblemOf = (field, values = {}) => {
    const key = problems[field];
    return key === undefined ? undefined : t(`${props.problemTexts}.${key}`, values);
  };
  const runPreview = (spec: SpecOf<K>) => {
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
          {props.title}
        </h2>
        <p className="mb-4 max-w-3xl text-sm text-muted">{props.description}</p>
        {/* Outside the form: Enter in its search searches, it does not preview. */}
        <RepositoryPicker
          region={props.region}
          selected={props.repositories}
          onChange={props.onRepositoriesChange}
          error={problem('repositories', { max: JOB_MAX_REPOSITORIES })}
        />
        <form className="mt-4 flex flex-col gap-4" noValidate onSubmit={submit}>
          {props.children(problem)}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" busy={preview.isPending}>
              {t('form.preview')}
            </Button>
            <Button onClick={props.onClose}>{t('form.close')}</Button>
          </div>
        </form>
        {preview.isError ? (
          <div className="mt-4">
            <ErrorNotice error={preview.error} what={t('preview.failed')} />
          </div>
        ) : null}
        {previewed === undefined ? null : (
          // A new spec previewed: its preview starts afresh (its pages, its confirmation).
          <Fragment key={JSON.stringify(previewed.spec)}>
            {props.preview({
              previewed,
              stale,
              refreshing: preview.isPending,
              changedFrom,
              onPreviewChanged: (count) => {
                setChangedFrom(count);
                runPreview(previewed.spec);
              },
            })}
          </Fragment>
        )}
      </Card>
    </section>
  );
}

/**
 * A new tag clean-up: the region's repositories picked from the fleet index (a scoped user's
 * index holds only their organizations; a link from a repository's Tags tab opens the form with
 * that repository chosen), the rule (a name pattern, an age, the newest to keep, or a pasted list
 * of tags), Preview (exactly what goes and what stays, read from SWR by the BFF), then Start with
 * the count confirmed.
 */
import { JOB_MAX_SELECTED_TAGS, type TagCleanupSpec } from '@swr-dashboard/swr-client/browser';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Field, Input, Textarea } from '../../../components/ui/field';
import { Card } from '../../../components/ui/page-header';
import { ErrorNotice } from '../../../components/ui/states';
import { useUrlState } from '../../../lib/url-state';
import { usePreviewCleanup } from '../api';
import { draftFor, sameSpec, specOf, tagList, type CleanupDraft, type Previewed } from '../draft';
import { CleanupPreview } from './cleanup-preview';
import { RepositoryPicker } from './repository-picker';

export function NewCleanup({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation(['jobs', 'common']);
  const url = useUrlState();
  // A link may choose the repository (`?repository=organization/repository`, from its Tags tab).
  const [draft, setDraft] = useState<CleanupDraft>(() => draftFor(url.get('repository')));
  const [submitted, setSubmitted] = useState(false);
  const [previewed, setPreviewed] = useState<Previewed | undefined>(undefined);
  /** The count confirmed before the BFF said the preview no longer holds. */
  const [changedFrom, setChangedFrom] = useState<number | undefined>(undefined);
  const preview = usePreviewCleanup();
  const checked = specOf(region, draft);
  const problems = submitted && !checked.ok ? checked.problems : {};
  const problem = (field: keyof typeof problems) => {
    const key = problems[field];
    return key === undefined
      ? undefined
      : t(`form.problems.${key}`, { max: JOB_MAX_SELECTED_TAGS });
  };
  const update = (changes: Partial<CleanupDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
  };
  const runPreview = (spec: TagCleanupSpec) => {
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
  const stale = previewed !== undefined && (!checked.ok || !sameSpec(checked.spec, previewed.spec));
  const tags = tagList(draft.tags);
  return (
    <section aria-labelledby="new-cleanup-title" className="mb-6">
      <Card>
        <h2 id="new-cleanup-title" className="mb-1 text-lg font-semibold">
          {t('form.title')}
        </h2>
        <p className="mb-4 max-w-3xl text-sm text-muted">{t('form.description')}</p>
        {/* Outside the form: Enter in its search searches, it does not preview. */}
        <RepositoryPicker
          region={region}
          selected={draft.repositories}
          onChange={(repositories) => {
            update({ repositories });
          }}
          error={problem('repositories')}
        />
        <form className="mt-4 flex flex-col gap-4" noValidate onSubmit={submit}>
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 text-sm font-medium">{t('form.rule')}</legend>
            <div className="grid gap-3 md:grid-cols-3">
              <Field
                label={t('form.pattern.label')}
                help={t('form.pattern.help')}
                error={problem('pattern')}
              >
                {(control) => (
                  <Input
                    {...control}
                    value={draft.pattern}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="pr-*"
                    onChange={(event) => {
                      update({ pattern: event.target.value });
                    }}
                  />
                )}
              </Field>
              <Field
                label={t('form.olderThan.label')}
                help={t('form.olderThan.help')}
                error={problem('olderThanDays')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={draft.olderThanDays}
                    onChange={(event) => {
                      update({ olderThanDays: event.target.value });
                    }}
                  />
                )}
              </Field>
              <Field
                label={t('form.keepNewest.label')}
                help={t('form.keepNewest.help')}
                error={problem('keepNewest')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={draft.keepNewest}
                    onChange={(event) => {
                      update({ keepNewest: event.target.value });
                    }}
                  />
                )}
              </Field>
            </div>
            <Field
              label={t('form.tags.label')}
              help={t('form.tags.help', { count: tags.length })}
              error={problem('tags')}
            >
              {(control) => (
                <Textarea
                  {...control}
                  className="font-mono"
                  spellCheck={false}
                  value={draft.tags}
                  onChange={(event) => {
                    update({ tags: event.target.value });
                  }}
                />
              )}
            </Field>
          </fieldset>
          {problem('rule') === undefined ? null : (
            <p role="alert" className="text-sm text-danger">
              {problem('rule')}
            </p>
          )}
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
          <CleanupPreview
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

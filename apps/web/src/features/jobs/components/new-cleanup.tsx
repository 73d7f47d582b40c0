/**
 * A new tag clean-up: the region's repositories picked from the fleet index (a scoped user's
 * index holds only their organizations; a link from a repository's Tags tab opens the form with
 * that repository chosen), the rule (a name pattern, an age, the newest to keep, or a pasted list
 * of tags), Preview (exactly what goes and what stays, read from SWR by the BFF), then Start with
 * the count confirmed.
 */
import { JOB_MAX_SELECTED_TAGS } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Field, Input, Textarea } from '../../../components/ui/field';
import { useUrlState } from '../../../lib/url-state';
import { draftFor, specOf, tagList, type CleanupDraft } from '../draft';
import { CleanupPreview } from './cleanup-preview';
import { JobForm, useDraft } from './job-form';

export function NewCleanup({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation(['jobs', 'common']);
  const url = useUrlState();
  // A link may choose the repository (`?repository=organization/repository`, from its Tags tab).
  const [draft, update] = useDraft<CleanupDraft>(() => draftFor(url.get('repository')));
  const tags = tagList(draft.tags);
  return (
    <JobForm
      kind="tag-cleanup"
      title={t('form.title')}
      description={t('form.description')}
      region={region}
      repositories={draft.repositories}
      onRepositoriesChange={(repositories) => {
        update({ repositories });
      }}
      checked={specOf(region, draft)}
      problemTexts="form.problems"
      onClose={onClose}
      preview={(previewing) => <CleanupPreview {...previewing} />}
    >
      {(problem) => (
        <>
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
              error={problem('tags', { max: JOB_MAX_SELECTED_TAGS })}
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
        </>
      )}
    </JobForm>
  );
}

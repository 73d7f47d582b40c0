/**
 * A change of many shares: the shares of the chosen repositories (only with some accounts, only
 * those ending before a day, if asked) extended to a UTC day or forever, or revoked. A share that
 * ends then already is left as it is. Extending and revoking are each offered to those allowed.
 */
import { JOB_MAX_NAMES } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { usePermission } from '../../../lib/session';
import { earliestDay, shareDraft, shareSpecOf, type ShareDraft } from '../template-drafts';
import { useDraft } from './job-form';
import { TemplateForm, type NewTemplateProps } from './template-form';

type Action = ShareDraft['action'];

export function NewShareChange(props: NewTemplateProps) {
  const { region } = props;
  const { t } = useTranslation(['jobs', 'common']);
  const canExtend = usePermission('updateRepoDomains').allowed;
  const canRevoke = usePermission('deleteRepoDomains').allowed;
  const actions: Action[] = [
    ...(canExtend ? (['extend'] as const) : []),
    ...(canRevoke ? (['revoke'] as const) : []),
  ];
  // Today, as the form opened: the first day a new end may be is the next one.
  const [now] = useState(() => Date.now());
  const [draft, update] = useDraft<ShareDraft>(() => ({
    ...shareDraft(),
    action: actions[0] ?? 'extend',
  }));
  return (
    <TemplateForm
      {...props}
      kind="share-change"
      check={(repositories) => shareSpecOf(region, repositories, draft, now)}
    >
      {(problem) => (
        <>
          <RadioGroup<Action>
            legend={t('newJob.share.action')}
            value={draft.action}
            inline
            options={actions.map((action) => ({
              value: action,
              label: t(`newJob.share.actions.${action}`),
            }))}
            onChange={(action) => {
              update({ action });
            }}
          />
          {draft.action === 'extend' ? (
            <div className="flex flex-col gap-3">
              <RadioGroup<ShareDraft['term']>
                legend={t('newJob.share.term')}
                value={draft.term}
                inline
                options={[
                  { value: 'date', label: t('newJob.share.terms.date') },
                  { value: 'forever', label: t('newJob.share.terms.forever') },
                ]}
                onChange={(term) => {
                  update({ term });
                }}
              />
              {draft.term === 'date' ? (
                <Field
                  className="max-w-xs"
                  label={t('newJob.share.date')}
                  help={t('newJob.share.dateHelp')}
                  error={problem('date')}
                >
                  {(control) => (
                    <Input
                      {...control}
                      type="date"
                      min={earliestDay(now)}
                      value={draft.date}
                      onChange={(event) => {
                        update({ date: event.target.value });
                      }}
                    />
                  )}
                </Field>
              ) : null}
            </div>
          ) : null}
          <fieldset className="grid gap-3 md:grid-cols-2">
            <legend className="mb-1 text-sm font-medium">{t('newJob.share.which')}</legend>
            <Field
              label={t('newJob.share.accounts')}
              help={t('newJob.share.accountsHelp')}
              error={problem('accounts', { max: JOB_MAX_NAMES })}
            >
              {(control) => (
                <Input
                  {...control}
                  value={draft.accounts}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => {
                    update({ accounts: event.target.value });
                  }}
                />
              )}
            </Field>
            <Field
              label={t('newJob.share.endingBefore')}
              help={t('newJob.share.endingBeforeHelp')}
              error={problem('endingBefore')}
            >
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={draft.endingBefore}
                  onChange={(event) => {
                    update({ endingBefore: event.target.value });
                  }}
                />
              )}
            </Field>
          </fieldset>
        </>
      )}
    </TemplateForm>
  );
}

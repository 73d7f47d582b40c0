/**
 * Sharing with an account, or changing a share: the account (checked as typed), pull only, until
 * a UTC day or forever, a description. What SWR refuses appears next to the field it concerns,
 * and the form keeps its input.
 */
import {
  accountName,
  isSwrError,
  SWR_ERRORS,
  type RepositoryShare,
} from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input, Textarea } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { describeError, fieldError } from '../../../lib/errors';
import { useCreateShare, useUpdateShare, type RepositoryRef } from '../api';
import { dateProblem, dateToDeadline, deadlineToDate, earliestDate } from '../share-state';

const FORM_ID = 'share-form';
const DESCRIPTION_MAX = 1024;

type Term = 'date' | 'forever';
type ShareField = 'access_domain' | 'deadline' | 'description';

/** Which field a refusal concerns: the contract's field issues, or what SWR's code means here. */
function refusedField(error: unknown): ShareField | undefined {
  if (!isSwrError(error)) return undefined;
  for (const field of ['access_domain', 'deadline', 'description'] as const) {
    if (fieldError(error, field) !== undefined) return field;
  }
  const code = error.upstream?.code ?? error.code;
  // Already shared with the account, the account is this one, or there is no such account.
  if (
    code === SWR_ERRORS.shareExists.code ||
    code === SWR_ERRORS.invalidDomain.code ||
    code === SWR_ERRORS.shareNotFound.code
  )
    return 'access_domain';
  // SWR's generic "Invalid param" for a share is a deadline that does not lie ahead.
  if (code === SWR_ERRORS.invalidParam.code) return 'deadline';
  return undefined;
}

export interface ShareDialogProps {
  repository: RepositoryRef;
  /** The share to change; absent to share with a new account. */
  share: RepositoryShare | undefined;
  onClose: () => void;
}

/** Mounted while open (with a key per share), so the form starts from the share's values. */
export function ShareDialog({ repository, share, onClose }: ShareDialogProps) {
  const { t } = useTranslation(['sharing', 'common']);
  const editing = share !== undefined;
  const [account, setAccount] = useState(share?.access_domain ?? '');
  const [term, setTerm] = useState<Term>(
    share === undefined || share.deadline !== 'forever' ? 'date' : 'forever',
  );
  const [date, setDate] = useState(share === undefined ? '' : deadlineToDate(share.deadline));
  const [description, setDescription] = useState(share?.description ?? '');
  const [submitted, setSubmitted] = useState(false);
  // Today, as the dialog opened: the first day a new deadline may be is the next one.
  const [now] = useState(() => Date.now());
  const create = useCreateShare(repository);
  const update = useUpdateShare(repository);
  const mutation = editing ? update : create;

  const accountProblem =
    editing || account === '' || accountName.safeParse(account).success
      ? undefined
      : t('form.accountRule');
  const dateKey = term === 'date' ? dateProblem(date, now) : undefined;
  // An empty date is only reported once the user tries to save.
  const dateMessage =
    dateKey === undefined || (dateKey === 'form.dateMissing' && !submitted)
      ? undefined
      : t(dateKey);
  const refused = mutation.isError ? refusedField(mutation.error) : undefined;
  const serverMessage = (field: ShareField): string | undefined => {
    if (refused !== field) return undefined;
    const issue = fieldError(mutation.error, field);
    if (issue !== undefined) return issue;
    if (field === 'deadline') return t('form.deadlineRefused');
    return describeError(mutation.error, t).message;
  };

  const reset = () => {
    if (mutation.isError) mutation.reset();
  };
  const submit = () => {
    setSubmitted(true);
    if (
      accountProblem !== undefined ||
      account === '' ||
      (dateProblem(date, now) !== undefined && term === 'date')
    )
      return;
    const deadline = term === 'forever' ? 'forever' : dateToDeadline(date);
    const body = { permit: 'read' as const, deadline, description: description.trim() };
    const done = { onSuccess: onClose };
    if (editing) update.mutate({ account, body }, done);
    else create.mutate({ access_domain: account, ...body }, done);
  };

  return (
    <Dialog
      open
      title={editing ? t('form.editTitle', { account }) : t('form.createTitle')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button variant="primary" type="submit" form={FORM_ID} busy={mutation.isPending}>
            {editing ? t('common:actions.save') : t('form.share')}
          </Button>
        </>
      }
    >
      <form
        id={FORM_ID}
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {editing ? (
          <p className="text-sm">
            <span className="text-muted">{t('form.account')}: </span>
            <span className="font-medium">{account}</span>
          </p>
        ) : (
          <Field
            label={t('form.account')}
            help={t('form.accountHelp')}
            error={
              accountProblem ??
              (submitted && account === '' ? t('form.accountMissing') : undefined) ??
              serverMessage('access_domain')
            }
          >
            {(control) => (
              <Input
                {...control}
                value={account}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                onChange={(event) => {
                  setAccount(event.target.value);
                  reset();
                }}
              />
            )}
          </Field>
        )}
        <p className="text-sm">
          <span className="text-muted">{t('form.permission')}: </span>
          {t('permit.read')}
          <span className="block text-xs text-muted">{t('form.permissionHelp')}</span>
        </p>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('form.term')}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="share-term"
              checked={term === 'date'}
              onChange={() => {
                setTerm('date');
                reset();
              }}
            />
            {t('form.untilDate')}
          </label>
          {term === 'date' ? (
            <Field
              className="ml-6 max-w-xs"
              label={t('form.date')}
              help={t('form.dateHelp')}
              error={dateMessage ?? serverMessage('deadline')}
            >
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={date}
                  min={earliestDate(now)}
                  onChange={(event) => {
                    setDate(event.target.value);
                    reset();
                  }}
                />
              )}
            </Field>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="share-term"
              checked={term === 'forever'}
              onChange={() => {
                setTerm('forever');
                reset();
              }}
            />
            {t('form.forever')}
          </label>
        </fieldset>
        <Field
          label={t('form.description')}
          help={t('form.descriptionHelp')}
          error={serverMessage('description')}
        >
          {(control) => (
            <Textarea
              {...control}
              value={description}
              maxLength={DESCRIPTION_MAX}
              onChange={(event) => {
                setDescription(event.target.value);
                reset();
              }}
            />
          )}
        </Field>
      </form>
      {mutation.isError && refused === undefined ? (
        <ErrorNotice
          error={mutation.error}
          what={editing ? t('form.updateFailed') : t('form.createFailed')}
        />
      ) : null}
    </Dialog>
  );
}

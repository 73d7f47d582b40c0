/**
 * Granting an IAM user a permission: user id and user name (checked as you type, with the rule
 * explained), and the level. What only SWR knows (the user already has one) appears next to the
 * user id; a failure keeps the input.
 */
import { iamUserId, iamUserName } from '@swr-dashboard/swr-client/browser';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { ErrorNotice } from '../../../components/ui/states';
import { fieldError } from '../../../lib/errors';
import { useGrantPermission, type Permissions, type PermissionTarget } from '../api';
import { concernsUser, describePermissionError } from '../errors';
import { levelValue, type LevelName } from '../levels';
import { useLevelOptions } from './permission-level';

export interface GrantPermissionDialogProps {
  target: PermissionTarget;
  /** Who has a permission already (to say so before asking SWR). */
  current: Permissions | undefined;
  targetName: string;
  onClose: () => void;
}

export function GrantPermissionDialog({
  target,
  current,
  targetName,
  onClose,
}: GrantPermissionDialogProps) {
  const { t } = useTranslation(['permissions', 'common']);
  const [userId, setUserId] = useState('');
  const [userName, setUserName] = useState('');
  const [level, setLevel] = useState<LevelName>('read');
  const grant = useGrantPermission(target);
  const levelOptions = useLevelOptions();

  const id = userId.trim();
  const name = userName.trim();
  let idProblem: string | undefined;
  if (id !== '' && !iamUserId.safeParse(id).success) idProblem = t('grant.userIdRule');
  else if (id !== '' && current?.self.user_id === id) idProblem = t('grant.isSelf');
  else if (current?.others.some((user) => user.user_id === id) === true)
    idProblem = t('grant.exists');
  const nameProblem = name !== '' && !iamUserName.safeParse(name).success;
  const server = grant.isError ? describePermissionError(grant.error, t) : undefined;
  const idError =
    idProblem ??
    fieldError(grant.error, '0.user_id') ??
    (concernsUser(server) ? server?.message : undefined);
  const nameError = nameProblem ? t('grant.userNameRule') : fieldError(grant.error, '0.user_name');
  const ready = id !== '' && name !== '' && idProblem === undefined && !nameProblem;

  const edited = () => {
    if (grant.isError) grant.reset();
  };
  const submit = () => {
    grant.mutate({ user_id: id, user_name: name, auth: levelValue(level) }, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      title={t('grant.title', { name: targetName })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="grant-permission"
            busy={grant.isPending}
            disabled={!ready}
          >
            {t('grant.submit')}
          </Button>
        </>
      }
    >
      <form
        id="grant-permission"
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) submit();
        }}
      >
        <Field label={t('grant.userId')} help={t('grant.userIdHelp')} error={idError}>
          {(control) => (
            <Input
              {...control}
              value={userId}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              className="font-mono"
              onChange={(event) => {
                setUserId(event.target.value);
                edited();
              }}
            />
          )}
        </Field>
        <Field label={t('grant.userName')} help={t('grant.userNameHelp')} error={nameError}>
          {(control) => (
            <Input
              {...control}
              value={userName}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              onChange={(event) => {
                setUserName(event.target.value);
                edited();
              }}
            />
          )}
        </Field>
        <RadioGroup
          legend={t('level')}
          value={level}
          options={levelOptions}
          onChange={(next) => {
            setLevel(next);
            edited();
          }}
        />
      </form>
      {grant.isError && idError === undefined && nameError === undefined ? (
        <ErrorNotice error={grant.error} what={t('grant.failed')} />
      ) : null}
    </Dialog>
  );
}

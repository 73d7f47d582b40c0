/**
 * Granting an IAM user a permission: the user, the user name and the level. When the console may
 * list the account's IAM users (`/api/directory/iam-users`), the user is chosen from that list,
 * which fills the id and the name; otherwise the id is typed (checked as you type, with the rule
 * explained), with the ids in use on this organization and repository that could be granted here
 * suggested (for a repository: its organization's grantees). What only SWR knows (the user
 * already has one) appears next to the user; a failure keeps the input.
 */
import {
  iamUserId,
  iamUserName,
  type DirectoryUnavailableReason,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { ErrorNotice } from '../../../components/ui/states';
import { fieldError } from '../../../lib/errors';
import {
  iamUsersQuery,
  permissionsQuery,
  useGrantPermission,
  type Permissions,
  type PermissionTarget,
} from '../api';
import { concernsUser, describePermissionError } from '../errors';
import { levelValue, type LevelName } from '../levels';
import { IamUserPicker } from './iam-user-picker';
import { useLevelOptions } from './permission-level';

/** Why the list of IAM users is missing, for the typed entry's note; none when not configured. */
const UNAVAILABLE_NOTES: Partial<Record<DirectoryUnavailableReason, 'denied' | 'failed'>> = {
  denied: 'denied',
  unreachable: 'failed',
  'invalid-response': 'failed',
};

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
  const ids = useId();
  const [userId, setUserId] = useState('');
  const [userName, setUserName] = useState('');
  const [level, setLevel] = useState<LevelName>('read');
  // Once something is typed, the field stays a text field even if the list arrives later.
  const [typing, setTyping] = useState(false);
  // The name a suggestion filled in, so that another id takes it away again.
  const [suggestedName, setSuggestedName] = useState('');
  const grant = useGrantPermission(target);
  const levelOptions = useLevelOptions();
  const directory = useQuery(iamUsersQuery());
  // For a repository, its organization's grants are suggested too.
  const organization = useQuery({
    ...permissionsQuery({
      level: 'organization',
      region: target.region,
      namespace: target.namespace,
    }),
    enabled: target.level === 'repository',
  });
  const listed = directory.data?.available === true ? directory.data.users : undefined;
  const picking = listed !== undefined && !typing;
  const note =
    directory.data?.reason === undefined ? undefined : UNAVAILABLE_NOTES[directory.data.reason];

  const selfId = current?.self.user_id;
  const granted = new Set(current?.others.map((user) => user.user_id) ?? []);
  // Ids in use on the organization and the repository that could be granted here: not those
  // who have a permission here already, nor the console's own user (both would be refused).
  const suggestions = [
    ...new Map(
      [...(current?.others ?? []), ...(organization.data?.others ?? [])]
        .filter((user) => user.user_id !== selfId && !granted.has(user.user_id))
        .map((user) => [user.user_id, user.user_name] as const),
    ),
  ];
  const unavailable = new Map<string, string>([
    ...[...granted].map((grantedId): [string, string] => [grantedId, t('grant.userHas')]),
    ...(selfId === undefined ? [] : [[selfId, t('grant.userSelf')] as [string, string]]),
  ]);

  const id = userId.trim();
  const name = userName.trim();
  let idProblem: string | undefined;
  if (id !== '' && !iamUserId.safeParse(id).success) idProblem = t('grant.userIdRule');
  else if (id !== '' && selfId === id) idProblem = t('grant.isSelf');
  else if (granted.has(id)) idProblem = t('grant.exists');
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
        {picking ? (
          <IamUserPicker
            users={listed}
            chosen={userId}
            unavailable={unavailable}
            error={idError}
            onChoose={(user) => {
              setUserId(user.id);
              setUserName(user.name);
              edited();
            }}
          />
        ) : (
          <Field
            label={t('grant.userId')}
            help={
              <>
                {t(suggestions.length === 0 ? 'grant.userIdHelp' : 'grant.userIdHelpSuggested')}
                {note === undefined ? null : (
                  <> {t(note === 'denied' ? 'grant.directoryDenied' : 'grant.directoryFailed')}</>
                )}
              </>
            }
            error={idError}
          >
            {(control) => (
              <>
                <Input
                  {...control}
                  value={userId}
                  list={suggestions.length === 0 ? undefined : `${ids}-users`}
                  autoFocus
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={64}
                  className="font-mono"
                  onChange={(event) => {
                    const typed = event.target.value;
                    setUserId(typed);
                    setTyping(true);
                    // A suggestion chosen: its name too, unless the user typed one.
                    const known = suggestions.find(([knownId]) => knownId === typed.trim());
                    const filled = userName === '' || userName === suggestedName;
                    if (filled) {
                      setUserName(known?.[1] ?? '');
                      setSuggestedName(known?.[1] ?? '');
                    }
                    edited();
                  }}
                />
                {suggestions.length === 0 ? null : (
                  <datalist id={`${ids}-users`}>
                    {suggestions.map(([suggestedId, suggestedName]) => (
                      <option key={suggestedId} value={suggestedId} label={suggestedName} />
                    ))}
                  </datalist>
                )}
              </>
            )}
          </Field>
        )}
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

/**
 * Choosing an IAM user from the account's list (read by the BFF from IAM): a search box over names
 * and ids, and the matching users as radio buttons (native, so keyboard and screen readers work
 * without extra wiring), each with its name and id. Users who cannot be granted here (they have a
 * permission already, or are the console's own user) are shown but cannot be chosen.
 */
import type { DirectoryIamUser } from '@swr-dashboard/swr-client/browser';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input } from '../../../components/ui/field';

/** More matches than this are not drawn: the search narrows them. */
const SHOWN_MAX = 50;

export interface IamUserPickerProps {
  users: readonly DirectoryIamUser[];
  chosen: string;
  onChoose: (user: DirectoryIamUser) => void;
  /** Why a user cannot be chosen, by id. */
  unavailable: ReadonlyMap<string, string>;
  error?: string | undefined;
}

export function IamUserPicker({ users, chosen, onChoose, unavailable, error }: IamUserPickerProps) {
  const { t } = useTranslation(['permissions', 'common']);
  const id = useId();
  const [search, setSearch] = useState('');
  const wanted = useDeferredValue(search.trim().toLowerCase());
  const matches = users.filter(
    (user) =>
      wanted === '' ||
      user.name.toLowerCase().includes(wanted) ||
      user.id.toLowerCase().includes(wanted),
  );
  const shown = matches.slice(0, SHOWN_MAX);
  const describedBy = [`${id}-chosen`, error === undefined ? null : `${id}-error`]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <fieldset
      className="flex flex-col gap-2"
      aria-describedby={describedBy}
      aria-invalid={error === undefined ? undefined : true}
    >
      <legend className="mb-1 text-sm font-medium">{t('grant.user')}</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        {t('grant.userSearch')}
      </label>
      <Input
        id={`${id}-search`}
        type="search"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder={t('grant.userSearchPlaceholder')}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
        }}
      />
      <div className="max-h-56 overflow-y-auto rounded-md border border-border">
        {shown.length === 0 ? (
          <p className="px-3 py-2 text-sm text-muted">
            {t('grant.userNone', { search: search.trim() })}
          </p>
        ) : (
          <ul className="flex flex-col">
            {shown.map((user) => {
              const why = unavailable.get(user.id);
              return (
                <li key={user.id}>
                  <label className="flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm hover:bg-hover has-[:disabled]:cursor-default has-[:disabled]:opacity-60">
                    <input
                      type="radio"
                      name={`${id}-user`}
                      value={user.id}
                      checked={chosen === user.id}
                      disabled={why !== undefined}
                      onChange={() => {
                        onChoose(user);
                      }}
                    />
                    <span className="font-medium">{user.name}</span>
                    <span className="font-mono text-xs text-muted">{user.id}</span>
                    {user.enabled ? null : (
                      <span className="text-xs text-muted">{t('grant.userDisabled')}</span>
                    )}
                    {why === undefined ? null : <span className="text-xs text-muted">{why}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {matches.length > shown.length ? (
        <p className="text-xs text-muted">
          {t('grant.userMore', { count: matches.length, shown: shown.length })}
        </p>
      ) : null}
      <p id={`${id}-chosen`} className="text-xs text-muted" aria-live="polite">
        {chosen === '' ? t('grant.userPick') : t('grant.userChosen', { id: chosen })}
      </p>
      {error === undefined ? null : (
        <p id={`${id}-error`} className="text-xs text-danger" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

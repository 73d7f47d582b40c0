/** "Is this repository shared with account X?": SWR's own check, for any role. */
import { accountName } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Field, Input } from '../../../components/ui/field';
import { Card } from '../../../components/ui/page-header';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { shareCheckQuery, type RepositoryRef } from '../api';
import { shareState } from '../share-state';
import { ShareStateBadge } from './share-state-badge';

export function ShareCheck({ repository }: { repository: RepositoryRef }) {
  const { t } = useTranslation(['sharing', 'common']);
  const format = useFormat();
  const [account, setAccount] = useState('');
  const [checked, setChecked] = useState('');
  const check = useQuery({ ...shareCheckQuery(repository, checked), enabled: checked !== '' });
  const problem =
    account === '' || accountName.safeParse(account).success ? undefined : t('form.accountRule');

  return (
    <Card title={t('check.title')}>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = account.trim();
          if (trimmed === '' || problem !== undefined) return;
          if (trimmed === checked) void check.refetch();
          else setChecked(trimmed);
        }}
      >
        <Field className="w-72" label={t('check.account')} error={problem}>
          {(control) => (
            <Input
              {...control}
              value={account}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              onChange={(event) => {
                setAccount(event.target.value);
              }}
            />
          )}
        </Field>
        <Button type="submit" busy={check.isFetching} disabled={account.trim() === ''}>
          {t('check.submit')}
        </Button>
      </form>
      <div aria-live="polite" className="mt-3 text-sm">
        {checked === '' || check.isPending ? null : check.isError ? (
          <ErrorState
            error={check.error}
            what={t('check.failed', { account: checked })}
            onRetry={() => void check.refetch()}
          />
        ) : check.data.exist ? (
          <p className="flex flex-wrap items-center gap-2">
            <span>
              {check.data.deadline === 'forever' || check.data.deadline === undefined
                ? t('check.sharedForever', { account: checked })
                : t('check.sharedUntil', {
                    account: checked,
                    date: format.dateTime(check.data.deadline),
                  })}
            </span>
            <ShareStateBadge
              state={shareState(
                {
                  deadline: check.data.deadline ?? 'forever',
                  status: check.data.status ?? true,
                },
                check.dataUpdatedAt,
              )}
            />
          </p>
        ) : (
          <p>{t('check.notShared', { account: checked })}</p>
        )}
      </div>
    </Card>
  );
}

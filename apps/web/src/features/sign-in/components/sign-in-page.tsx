/**
 * Sign-in: in demo sign-in, pick a demo user; otherwise continue to the company's single sign-on
 * (the BFF's /auth/login), coming back to where the user was going.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { QueryState } from '../../../components/ui/query-state';
import { ErrorNotice } from '../../../components/ui/states';
import { demoUsersQuery, signInDemo, signInUrl } from '../api';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo') ?? '/';
  // Set by the BFF when a sign-in at the company's provider was refused.
  const refused = params.get('error');
  const refusedRequestId = params.get('requestId');
  const demo = useQuery(demoUsersQuery());
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  return (
    <main className="mx-auto flex min-h-full max-w-lg flex-col justify-center gap-6 px-6 py-10">
      <h1 className="text-2xl font-semibold">{t('signIn.title')}</h1>
      {refused === null ? null : (
        <div
          role="alert"
          className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm"
        >
          <p>{t(`signIn.errors.${refused}`, { defaultValue: t('signIn.errors.login_failed') })}</p>
          {refusedRequestId === null ? null : (
            <p className="mt-1 text-xs text-muted">
              {t('signIn.errors.requestId', { id: refusedRequestId })}
            </p>
          )}
        </div>
      )}
      {/* Demo sign-in lists its users; otherwise (null) the company's sign-on is the way in. */}
      <QueryState query={demo} what={t('signIn.failed')} keepData>
        {(demoUsers) =>
          demoUsers === null ? (
            <a
              className="inline-flex w-fit items-center rounded-md bg-primary px-4 py-2 font-medium text-primary-fg"
              href={signInUrl(returnTo)}
            >
              {t('signIn.company')}
            </a>
          ) : (
            <section className="flex flex-col gap-3" aria-labelledby="demo-title">
              <h2 id="demo-title" className="font-semibold">
                {t('signIn.demoTitle')}
              </h2>
              <p className="text-sm text-muted">{t('signIn.demoIntro')}</p>
              <ul className="flex flex-col gap-2">
                {demoUsers.users.map((user) => (
                  <li
                    key={user.id}
                    className="flex items-center justify-between gap-3 rounded-lg border border-border bg-card px-4 py-3"
                  >
                    <span className="flex flex-col">
                      <span className="font-medium">{user.name}</span>
                      <span className="flex flex-wrap gap-2 text-xs text-muted">
                        {user.role === null ? null : (
                          <Badge tone="info">{t(`roles.${user.role}`)}</Badge>
                        )}
                        {user.namespaces === null
                          ? null
                          : t('signIn.scoped', { patterns: user.namespaces.join(', ') })}
                      </span>
                    </span>
                    <Button
                      variant="primary"
                      busy={busy === user.id}
                      onClick={() => {
                        setBusy(user.id);
                        setError(undefined);
                        signInDemo(user.id, returnTo)
                          .then((answer) => {
                            queryClient.clear();
                            window.location.assign(answer.returnTo);
                          })
                          .catch((failure: unknown) => {
                            setError(failure);
                            setBusy(undefined);
                          });
                      }}
                    >
                      {t('signIn.as', { name: user.name })}
                    </Button>
                  </li>
                ))}
              </ul>
              {error === undefined ? null : <ErrorNotice error={error} what={t('signIn.failed')} />}
            </section>
          )
        }
      </QueryState>
    </main>
  );
}

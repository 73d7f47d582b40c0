/**
 * The guard of every console page: the user is loaded from /api/me (a 401 sends them to sign in,
 * coming back here afterwards), the region in the URL is one the console serves, and the page
 * renders inside the shell.
 */
import { isSwrError } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { AppShell } from '../components/layout/app-shell';
import { ErrorState, LoadingState } from '../components/ui/states';
import { CommandHost } from '../features/command-palette/components/command-host';
import { meQuery } from '../lib/session';
import { NotFoundPage } from './not-found';

export function SignedIn() {
  const { t } = useTranslation();
  const me = useQuery(meQuery());
  const location = useLocation();
  const { region } = useParams();
  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    if (isSwrError(me.error) && me.error.status === 401) {
      const returnTo = `${location.pathname}${location.search}`;
      return <Navigate replace to={`/signin?returnTo=${encodeURIComponent(returnTo)}`} />;
    }
    return (
      <main className="p-6">
        <ErrorState error={me.error} what={t('errors.unknown')} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (region !== undefined && !me.data.regions.some((option) => option.id === region)) {
    return <NotFoundPage />;
  }
  // A page waits here for its code and its translations (each feature's strings load with it).
  return (
    <AppShell tools={<CommandHost />}>
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}

/** `/`: the first region's overview. */
export function RootRedirect() {
  const me = useQuery(meQuery());
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <Navigate replace to="/signin" />;
  const first = me.data.regions[0]?.id ?? 'cn-north-4';
  return <Navigate replace to={`/${first}/overview`} />;
}

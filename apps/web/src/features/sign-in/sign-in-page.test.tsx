/** Sign-in: demo users in demo sign-in, the company's SSO otherwise; guarded pages send users here. */
import {
  demoSignInEndpoint,
  demoUsersEndpoint,
  meEndpoint,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { bffError, bffHandler } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

describe('sign-in', () => {
  it('sends a signed-out user from a page to sign-in, keeping where they were going', async () => {
    server.use(
      bffHandler(meEndpoint, () => bffError(401, 'unauthenticated')),
      bffHandler(demoUsersEndpoint, () => bffError(404, 'not_found')),
    );
    const { location } = renderApp('/cn-north-4/organizations?q=pay');
    const link = await screen.findByRole('link', { name: 'Sign in with your company account' });
    expect(location().pathname).toBe('/signin');
    expect(link).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent('/cn-north-4/organizations?q=pay')}`,
    );
  });

  it('offers the demo users with their roles and signs in as one', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', {
      href: window.location.href,
      origin: window.location.origin,
      assign,
    });
    let signedInAs: unknown;
    server.use(
      bffHandler(demoUsersEndpoint, () =>
        HttpResponse.json({
          users: [
            { id: 'ada', name: 'Ada Admin', email: 'ada@x', role: 'admin', namespaces: null },
            {
              id: 'pat',
              name: 'Pat Payments',
              email: 'pat@x',
              role: 'operator',
              namespaces: ['payments*'],
            },
          ],
        }),
      ),
      bffHandler(demoSignInEndpoint, async ({ request }) => {
        signedInAs = await request.json();
        return HttpResponse.json({ returnTo: '/cn-north-4/repositories' });
      }),
    );
    const { user } = renderApp('/signin?returnTo=%2Fcn-north-4%2Frepositories');
    expect(await screen.findByText('limited to payments*')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign in as Ada Admin' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/cn-north-4/repositories');
    });
    expect(signedInAs).toEqual({ user: 'ada', returnTo: '/cn-north-4/repositories' });
    vi.unstubAllGlobals();
  });

  it('says why the company sign-in was refused, with the request id', async () => {
    server.use(bffHandler(demoUsersEndpoint, () => bffError(404, 'not_found')));
    renderApp('/signin?error=forbidden&requestId=req-42');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your account is in no group that grants access to this console.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Request id req-42');
  });

  it('shows why a demo sign-in failed', async () => {
    server.use(
      bffHandler(demoUsersEndpoint, () =>
        HttpResponse.json({
          users: [{ id: 'x', name: 'Nobody', email: 'n@x', role: null, namespaces: null }],
        }),
      ),
      bffHandler(demoSignInEndpoint, () => bffError(403, 'forbidden', { message: 'no role' })),
    );
    const { user } = renderApp('/signin');
    await user.click(await screen.findByRole('button', { name: 'Sign in as Nobody' }));
    expect(await screen.findByText('Sign-in failed.')).toBeInTheDocument();
  });
});

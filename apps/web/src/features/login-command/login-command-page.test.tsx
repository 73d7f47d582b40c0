/** The login command page against a fake BFF typed from the contract. */
import { meEndpoint } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, bffHandler, meFor, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const LOADED = { timeout: 5000 };
const PASSWORD = '0123456789abcdef0123456789abcdef';
const HOST = 'swr.cn-north-4.myhuaweicloud.com';
const USER = 'cn-north-4@AKTEST0001';
const COMMAND = `docker login -u ${USER} -p ${PASSWORD} ${HOST}`;

function secretHandler(expiresAt: string | undefined) {
  return swr('createSecret', () => ({
    body: { auths: { [HOST]: { auth: btoa(`${USER}:${PASSWORD}`) } } },
    headers: {
      'X-Swr-Dockerlogin': `docker login -u ${USER} -p ${PASSWORD}`,
      ...(expiresAt === undefined ? {} : { 'X-Swr-Expireat': expiresAt }),
    },
  }));
}

describe('Login command page', () => {
  it('generates a command, masked until revealed, with the other clients and a countdown', async () => {
    const expiresAt = new Date(Date.now() + 2 * 60 * 60 * 1000 + 30_000).toISOString();
    server.use(...sessionHandlers('operator'), secretHandler(expiresAt));
    const { user } = renderApp('/cn-north-4/login-command');
    await user.click(await screen.findByRole('button', { name: 'Generate login command' }, LOADED));
    const result = await screen.findByRole('region', { name: 'Your login command' });
    expect(within(result).getByText(HOST)).toBeInTheDocument();
    expect(within(result).getByRole('timer')).toHaveTextContent(/^in 2 h 0 min \d+ s$/);
    expect(result).not.toHaveTextContent(PASSWORD);
    expect(result).toHaveTextContent(`docker login -u ${USER} -p ••••••••••••`);

    const reveal = within(result).getByRole('button', { name: 'Reveal the password' });
    expect(reveal).toHaveAttribute('aria-pressed', 'false');
    await user.click(reveal);
    expect(result).toHaveTextContent(COMMAND);
    expect(result).toHaveTextContent(`podman login -u ${USER} -p ${PASSWORD} ${HOST}`);
    expect(result).toHaveTextContent(`nerdctl login -u ${USER} -p ${PASSWORD} ${HOST}`);
    // The password on standard input: not on the client's command line.
    expect(result).toHaveTextContent(
      `printf '%s' ${PASSWORD} | docker login -u ${USER} --password-stdin ${HOST}`,
    );
    expect(result).toHaveTextContent(
      `printf '%s' ${PASSWORD} | podman login -u ${USER} --password-stdin ${HOST}`,
    );
    expect(result).toHaveTextContent(
      `kubectl create secret docker-registry swr-cn-north-4 \\ --docker-server=${HOST} \\ --docker-username=${USER} \\ --docker-password=${PASSWORD}`,
    );
    await user.click(within(result).getByRole('button', { name: 'Hide the password' }));
    expect(result).not.toHaveTextContent(PASSWORD);

    await user.click(within(result).getByRole('button', { name: 'Copy the docker command' }));
    expect(await navigator.clipboard.readText()).toBe(COMMAND);
  }, 20_000);

  it('counts down to an estimated expiry when SWR does not say, and forgets the command when the page goes', async () => {
    server.use(...sessionHandlers('operator'), secretHandler(undefined));
    const { user, client, unmount } = renderApp('/cn-north-4/login-command');
    await user.click(await screen.findByRole('button', { name: 'Generate login command' }, LOADED));
    const result = await screen.findByRole('region', { name: 'Your login command' });
    expect(within(result).getByRole('timer')).toHaveTextContent(/^in 5 h 59 min \d+ s$/);
    expect(result).toHaveTextContent(/SWR did not say/);
    expect(client.getMutationCache().getAll()).toHaveLength(1);

    unmount();
    await waitFor(() => {
      expect(client.getMutationCache().getAll()).toHaveLength(0);
    });
    expect(
      client
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey),
    ).toEqual([['session', 'me']]);
  }, 20_000);

  it('lets a viewer see the page but not generate, with the reason', async () => {
    server.use(...sessionHandlers('viewer'));
    renderApp('/cn-north-4/login-command');
    const generate = await screen.findByRole('button', { name: 'Generate login command' }, LOADED);
    expect(generate).toBeDisabled();
    expect(generate).toHaveAccessibleDescription(
      'A login command is a password that can push and pull every image of the account, so it needs the Operator role; you are Viewer. Ask an operator or an admin, or pull with your own credentials.',
    );
  }, 20_000);

  it('tells an operator limited to some organizations why the command is refused', async () => {
    server.use(
      bffHandler(meEndpoint, () => {
        const me = meFor('operator', { namespaces: ['payments'] });
        me.permissions.createSecret = {
          allowed: false,
          reason: 'scope',
          message: 'a docker login command opens every organization of the account',
        };
        return HttpResponse.json(me);
      }),
    );
    renderApp('/cn-north-4/login-command');
    const generate = await screen.findByRole('button', { name: 'Generate login command' }, LOADED);
    expect(generate).toBeDisabled();
    expect(generate).toHaveAccessibleDescription(
      'A login command opens every organization of the account, and your access is limited to organizations matching payments.',
    );
  }, 20_000);

  it("shows the BFF's refusal when generating fails", async () => {
    server.use(
      ...sessionHandlers('operator'),
      http.post('/api/swr/:region/v2/manage/utils/secret', () =>
        bffError(429, 'rate_limited', { message: 'Too many login commands this hour.' }),
      ),
    );
    const { user } = renderApp('/cn-north-4/login-command');
    await user.click(await screen.findByRole('button', { name: 'Generate login command' }, LOADED));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The login command could not be generated.');
    expect(alert).toHaveTextContent('Too many requests; wait a moment and try again.');
    expect(screen.queryByRole('region', { name: 'Your login command' })).toBeNull();
  }, 20_000);
});

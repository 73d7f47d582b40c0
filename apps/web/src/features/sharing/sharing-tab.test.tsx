/** The Sharing tab against a fake BFF typed from the contract. */
import type { RepositoryShare } from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, repositoryDetail, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const PAGE = '/cn-north-4/repositories/payments/payment-gateway/sharing';
const DAY = 86_400_000;

function isoIn(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
}

function share(access_domain: string, deadline: string, status = true): RepositoryShare {
  return {
    namespace: 'payments',
    repository: 'payment-gateway',
    access_domain,
    permit: 'read',
    deadline,
    description: `for ${access_domain}`,
    creator_id: 'u1',
    creator_name: 'ops-admin',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-02T00:00:00Z',
    status,
  };
}

const repositoryHandler = swr('showRepository', () => ({ body: repositoryDetail() }));

function listHandlers(shares: () => RepositoryShare[]) {
  return [repositoryHandler, swr('listRepoDomains', () => ({ body: shares() }))];
}

const seeded = [
  share('partner-corp', 'forever'),
  share('acme-analytics', isoIn(3)),
  share('contractor-x', isoIn(-20), false),
  share('research-lab', isoIn(90)),
];

/** Renders the tab and waits for it (its code loads on demand, slowly the first time). */
async function openTab() {
  const view = renderApp(PAGE);
  await screen.findByRole('heading', { name: 'Shared with accounts' }, { timeout: 5000 });
  return view;
}

// Forms are typed key by key in jsdom: give each test room under a loaded machine.
describe('Sharing tab', { timeout: 20_000 }, () => {
  it('lists the accounts with expired and expiring shares marked', async () => {
    server.use(...listHandlers(() => seeded));
    await openTab();
    const table = await screen.findByRole('table', {
      name: 'Accounts payments/payment-gateway is shared with',
    });
    const row = (account: string) =>
      within(table).getByRole('cell', { name: account }).closest('tr') as HTMLElement;
    expect(within(row('partner-corp')).getByText('Valid, no end')).toBeInTheDocument();
    expect(within(row('acme-analytics')).getByText('Expires in 3 days')).toBeInTheDocument();
    expect(within(row('contractor-x')).getByText('Expired')).toBeInTheDocument();
    expect(within(row('research-lab')).getByText('Valid')).toBeInTheDocument();
    expect(
      screen.getByText('Shared with 4 accounts · 1 expiring within 7 days · 1 expired'),
    ).toBeInTheDocument();
  });

  it('shares with an account until a UTC day, and the list shows it', async () => {
    let shares = [share('partner-corp', 'forever')];
    let sent: unknown;
    server.use(
      ...listHandlers(() => shares),
      swr('createRepoDomains', async ({ request }) => {
        sent = await request.json();
        shares = [...shares, share('new-partner', '2031-03-15T00:00:00Z')];
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Share with an account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share with an account' });
    const account = within(dialog).getByRole('textbox', { name: 'Account' });
    await user.type(account, '9bad');
    expect(account).toHaveAttribute('aria-invalid', 'true');
    await user.clear(account);
    await user.type(account, 'new-partner');
    expect(account).not.toHaveAttribute('aria-invalid');
    await user.type(within(dialog).getByLabelText('Ends on (UTC)'), '2031-03-15');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Audit');
    await user.click(within(dialog).getByRole('button', { name: 'Share' }));
    await waitFor(() => {
      expect(dialog).not.toBeInTheDocument();
    });
    expect(sent).toEqual({
      access_domain: 'new-partner',
      permit: 'read',
      deadline: '2031-03-15T00:00:00Z',
      description: 'Audit',
    });
    expect(await screen.findByRole('cell', { name: 'new-partner' })).toBeInTheDocument();
  });

  it("keeps the form and shows SWR's refusal next to the account", async () => {
    server.use(
      ...listHandlers(() => [share('partner-corp', 'forever')]),
      http.post('/api/swr/:region/v2/manage/namespaces/:ns/repositories/:repo/access-domains', () =>
        bffError(409, 'upstream_rejected', {
          upstream: { status: 409, code: 'SVCSTG.SWR.4090089', requestId: 'up-1' },
        }),
      ),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Share with an account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share with an account' });
    const account = within(dialog).getByRole('textbox', { name: 'Account' });
    await user.type(account, 'partner-corp');
    await user.click(within(dialog).getByRole('radio', { name: 'Forever' }));
    await user.click(within(dialog).getByRole('button', { name: 'Share' }));
    await waitFor(() => {
      expect(account).toHaveAccessibleDescription(/This permission or share already exists/);
    });
    expect(account).toHaveValue('partner-corp');
    expect(account).toHaveAttribute('aria-invalid', 'true');
  });

  it('says when the account to share with does not exist', async () => {
    server.use(
      ...listHandlers(() => [share('partner-corp', 'forever')]),
      http.post('/api/swr/:region/v2/manage/namespaces/:ns/repositories/:repo/access-domains', () =>
        bffError(400, 'upstream_rejected', {
          upstream: { status: 400, code: 'SVCSTG.SWR.4001090', requestId: 'up-2' },
        }),
      ),
    );
    const { user } = await openTab();
    await user.click(await screen.findByRole('button', { name: 'Share with an account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share with an account' });
    const account = within(dialog).getByRole('textbox', { name: 'Account' });
    await user.type(account, 'no-such-account');
    await user.click(within(dialog).getByRole('radio', { name: 'Forever' }));
    await user.click(within(dialog).getByRole('button', { name: 'Share' }));
    await waitFor(() => {
      expect(account).toHaveAccessibleDescription(/The account or the share does not exist/);
    });
  });

  it('changes a share to forever and removes one after a red confirmation', async () => {
    let updated: unknown;
    let removed = '';
    server.use(
      ...listHandlers(() => seeded),
      swr('updateRepoDomains', async ({ request, params }) => {
        updated = { account: params.access_domain, body: (await request.json()) as unknown };
        return {};
      }),
      swr('deleteRepoDomains', ({ params }) => {
        removed = params.access_domain ?? '';
        return {};
      }),
    );
    const { user } = await openTab();
    await user.click(
      await screen.findByRole('button', { name: 'Change the share with acme-analytics' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Change the share with acme-analytics',
    });
    expect(within(dialog).getByLabelText('Ends on (UTC)')).toHaveValue(isoIn(3).slice(0, 10));
    await user.click(within(dialog).getByRole('radio', { name: 'Forever' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(updated).toEqual({
        account: 'acme-analytics',
        body: { permit: 'read', deadline: 'forever', description: 'for acme-analytics' },
      });
    });

    await user.click(screen.getByRole('button', { name: 'Stop sharing with contractor-x' }));
    const confirm = await screen.findByRole('dialog', { name: 'Stop sharing with contractor-x?' });
    expect(confirm).toHaveTextContent('can no longer pull payments/payment-gateway');
    await user.click(within(confirm).getByRole('button', { name: 'Stop sharing' }));
    await waitFor(() => {
      expect(removed).toBe('contractor-x');
    });
  });

  it('checks whether the repository is shared with an account', async () => {
    server.use(
      ...listHandlers(() => seeded),
      swr('showAccessDomain', ({ params }) => ({
        body:
          params.access_domain === 'partner-corp'
            ? { exist: true, ...share('partner-corp', 'forever') }
            : { exist: false },
      })),
    );
    const { user } = await openTab();
    const input = await screen.findByRole('textbox', { name: 'Account to check' });
    await user.type(input, 'nobody');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(
      await screen.findByText('This repository is not shared with nobody.'),
    ).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'partner-corp');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Shared with partner-corp, with no end.')).toBeInTheDocument();
  });

  it('lets an operator see shares and check, but not share, change or remove', async () => {
    server.use(...sessionHandlers('operator'), ...listHandlers(() => seeded));
    await openTab();
    const share = await screen.findByRole('button', { name: 'Share with an account' });
    expect(share).toBeDisabled();
    expect(share).toHaveAccessibleDescription('Needs the Admin role (you are Operator).');
    expect(
      await screen.findByRole('button', { name: 'Stop sharing with partner-corp' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Change the share with partner-corp' }),
    ).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Account to check' })).toBeEnabled();
  });

  it('shows a failed list with what failed, and retries', async () => {
    let calls = 0;
    server.use(
      repositoryHandler,
      http.get(
        '/api/swr/:region/v2/manage/namespaces/:ns/repositories/:repo/access-domains',
        () => {
          calls += 1;
          return calls === 1
            ? bffError(503, 'upstream_unavailable')
            : Response.json([share('partner-corp', 'forever')]);
        },
      ),
    );
    const { user } = await openTab();
    expect(
      await screen.findByText('The accounts this repository is shared with could not be loaded.'),
    ).toBeInTheDocument();
    expect(screen.getByText("The region's SWR cannot be reached right now.")).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('cell', { name: 'partner-corp' })).toBeInTheDocument();
  });
});

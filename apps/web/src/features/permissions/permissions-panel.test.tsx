/** The permissions panel on a repository's Permissions tab, against a fake BFF. */
import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  bffError,
  directory,
  directoryUnavailable,
  sessionHandlers,
  swr,
} from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

// Pages load their code on demand; a busy machine may need more than a second for the first look.
configure({ asyncUtilTimeout: 5000 });

const URL = '/cn-north-4/repositories/payments/team$gateway/permissions';

const detail = {
  id: 9,
  ns_id: 1,
  name: 'team/gateway',
  category: 'app_server',
  description: '',
  creator_id: 'u-1',
  creator_name: 'ops',
  size: 0,
  is_public: false,
  num_images: 0,
  num_download: 0,
  path: 'swr.cn-north-4.myhuaweicloud.com/payments/team/gateway',
  internal_path: '',
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
  domain_id: 'd-1',
};

const self = { user_id: '8bd54d67afb0b0b11e33ea0167ed599a', user_name: 'swr-console', auth: 7 };

function handlers(
  others = [
    { user_id: '2da17daf81f4eaf9d289a44053bb3b04', user_name: 'carol-sec', auth: 3 },
    { user_id: '0c8d85c68b6cbffb4184ca39cf075fcf', user_name: 'frank-web', auth: 1 },
  ],
) {
  return [
    swr('showRepository', () => ({ body: detail })),
    swr('showUserRepositoryAuth', () => ({
      body: { id: 9, name: 'team/gateway', self_auth: self, others_auths: [self, ...others] },
    })),
    // The organization's grants (suggested in the repository's grant dialog): nobody else.
    organizationGrants([]),
    // Unless a test says otherwise, the console cannot list IAM users: ids are typed.
    ...directoryUnavailable(),
  ];
}

function organizationGrants(others: { user_id: string; user_name: string; auth: number }[]) {
  return swr('showNamespaceAuth', () => ({
    body: {
      id: 1,
      name: 'payments',
      creator_name: 'ops',
      self_auth: self,
      others_auths: [self, ...others],
    },
  }));
}

/** Someone with a permission on the organization payments, not on the repository. */
const organizationGrant = {
  user_id: 'ab7fc1e3a0d24f6b9c5e8d7a6b5c4d3e',
  user_name: 'dora-ops',
  auth: 3,
};

// Whole flows through the real app; generous when the machine is busy.
describe('Repository permissions', { timeout: 20_000 }, () => {
  it("lists IAM users' grants without the console's own user, and explains they are not roles", async () => {
    server.use(...handlers());
    renderApp(URL);
    const table = await screen.findByRole('table', {
      name: 'IAM users with a permission on payments/team/gateway',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('carol-sec');
    expect(rows[1]).toHaveTextContent('Edit');
    expect(rows[2]).toHaveTextContent('Read');
    expect(screen.getByText(/not this console's roles/)).toBeInTheDocument();
    expect(screen.getByText(/IAM user swr-console \(Manage\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the permissions on payments' })).toHaveAttribute(
      'href',
      '/cn-north-4/organizations/payments?tab=permissions',
    );
  });

  it('adds a grant, refusing a bad user id as it is typed', async () => {
    let granted: unknown;
    let path = '';
    server.use(
      ...handlers(),
      swr('createUserRepositoryAuth', async ({ request, params }) => {
        granted = await request.json();
        path = `${params.namespace ?? ''}/${params.repository ?? ''}`;
        return {};
      }),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Add permission' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Add a permission on payments/team/gateway',
    });
    const id = within(dialog).getByRole('textbox', { name: 'User ID' });
    const submit = within(dialog).getByRole('button', { name: 'Add permission' });
    await user.type(id, 'bad id!');
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(submit).toBeDisabled();
    // A name is not an id: IAM user ids are 32 hexadecimal characters.
    await user.clear(id);
    await user.type(id, 'not-an-id');
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(id).toHaveAccessibleDescription(/32 hexadecimal characters/);
    expect(submit).toBeDisabled();
    await user.clear(id);
    await user.type(id, '2da17daf81f4eaf9d289a44053bb3b04');
    expect(id).toHaveAccessibleDescription(/already has a permission here/);
    await user.clear(id);
    await user.type(id, 'f6657248a85ca143b62e3156949d25d5');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'newbie');
    await user.click(within(dialog).getByRole('radio', { name: 'Manage' }));
    await user.click(submit);
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: /Add a permission/ })).toBeNull();
    });
    expect(path).toBe('payments/team$gateway');
    expect(granted).toEqual([
      { user_id: 'f6657248a85ca143b62e3156949d25d5', user_name: 'newbie', auth: 7 },
    ]);
  });

  it('shows what SWR refused next to the user id and keeps the input', async () => {
    server.use(
      ...handlers(),
      http.post('/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/access', () =>
        bffError(409, 'upstream_rejected', {
          upstream: { status: 409, code: 'SVCSTG.SWR.4090089', requestId: 'up-2' },
        }),
      ),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Add permission' }));
    const dialog = await screen.findByRole('dialog', { name: /Add a permission/ });
    const id = within(dialog).getByRole('textbox', { name: 'User ID' });
    await user.type(id, '2d1e0f137a4cbe6683e85d6b4dddedad');
    await user.type(within(dialog).getByRole('textbox', { name: 'User name' }), 'someone');
    await user.click(within(dialog).getByRole('button', { name: 'Add permission' }));
    await waitFor(() => {
      expect(id).toHaveAccessibleDescription(/already has a permission on the repository/);
    });
    expect(id).toHaveValue('2d1e0f137a4cbe6683e85d6b4dddedad');
  });

  it('changes a level and removes a grant after a confirmation stating the effect', async () => {
    let changed: unknown;
    let removed: unknown;
    server.use(
      ...handlers(),
      swr('updateUserRepositoryAuth', async ({ request }) => {
        changed = await request.json();
        return {};
      }),
      swr('deleteUserRepositoryAuth', async ({ request }) => {
        removed = await request.json();
        return {};
      }),
    );
    const { user } = renderApp(URL);
    await user.click(
      await screen.findByRole('button', { name: 'Change the permission of frank-web' }),
    );
    const change = await screen.findByRole('dialog', {
      name: 'Change the permission of frank-web',
    });
    expect(within(change).getByRole('radio', { name: 'Read' })).toBeChecked();
    const save = within(change).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await user.click(within(change).getByRole('radio', { name: 'Edit' }));
    await user.click(save);
    await waitFor(() => {
      expect(changed).toEqual([
        { user_id: '0c8d85c68b6cbffb4184ca39cf075fcf', user_name: 'frank-web', auth: 3 },
      ]);
    });

    await user.click(screen.getByRole('button', { name: 'Remove the permission of carol-sec' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the permission of carol-sec?',
    });
    expect(confirm).toHaveTextContent(
      'carol-sec loses Edit on the repository payments/team/gateway',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Remove permission' }));
    await waitFor(() => {
      expect(removed).toEqual(['2da17daf81f4eaf9d289a44053bb3b04']);
    });
  });

  it('shows grants read-only to an operator, with the reason', async () => {
    server.use(...sessionHandlers('operator'), ...handlers());
    renderApp(URL);
    const add = await screen.findByRole('button', { name: 'Add permission' });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription('Needs the Admin role (you are Operator).');
    expect(
      await screen.findByRole('button', { name: 'Change the permission of carol-sec' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Remove the permission of carol-sec' }),
    ).toBeDisabled();
    expect(screen.getByRole('note')).toHaveTextContent(
      "an admin's task in this console, so you see them read-only. Needs the Admin role (you are Operator).",
    );
  });

  it('says when nobody else has a grant, and shows a failure with a retry', async () => {
    let calls = 0;
    server.use(
      swr('showRepository', () => ({ body: detail })),
      http.get('/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/access', () => {
        calls += 1;
        return calls === 1
          ? bffError(503, 'upstream_unavailable')
          : HttpResponse.json({ id: 9, name: 'team/gateway', self_auth: self, others_auths: [] });
      }),
    );
    const { user } = renderApp(URL);
    expect(
      await screen.findByText('The permissions on payments/team/gateway could not be loaded.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No other IAM user has a permission on payments/team/gateway.'),
    ).toBeInTheDocument();
  });
  it("chooses the user from IAM's list, which fills the id and the name", async () => {
    let granted: unknown;
    let listed = 0;
    const grace = { id: 'f2c4e6a8b0d21357a9c8e7f6d5b4a392', name: 'grace-qa', enabled: true };
    server.use(
      ...handlers(),
      swr('createUserRepositoryAuth', async ({ request }) => {
        granted = await request.json();
        return {};
      }),
    );
    server.use(
      directory('iamUsers', () => {
        listed += 1;
        return {
          available: true,
          users: [
            { id: '2da17daf81f4eaf9d289a44053bb3b04', name: 'carol-sec', enabled: true },
            grace,
            { id: 'c0ffee00c0ffee00c0ffee00c0ffee00', name: 'old-contractor', enabled: false },
            { id: self.user_id, name: self.user_name, enabled: true },
          ],
        };
      }),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Add permission' }));
    const dialog = await screen.findByRole('dialog', { name: /Add a permission/ });
    const picker = await within(dialog).findByRole('group', { name: 'IAM user' });
    // No typed id any more: a list to search and choose from.
    expect(within(dialog).queryByRole('combobox', { name: 'User ID' })).toBeNull();
    expect(within(dialog).queryByRole('textbox', { name: 'User ID' })).toBeNull();
    // Who already has a permission here, and the console's own user, cannot be chosen.
    expect(within(picker).getByRole('radio', { name: /carol-sec/ })).toBeDisabled();
    expect(within(picker).getByRole('radio', { name: /swr-console/ })).toBeDisabled();
    expect(within(picker).getByRole('radio', { name: /old-contractor.*disabled/ })).toBeEnabled();
    await user.type(
      within(picker).getByRole('searchbox', { name: 'Search IAM users by name or ID' }),
      'f2c4',
    );
    await waitFor(() => {
      expect(within(picker).getAllByRole('radio')).toHaveLength(1);
    });
    await user.click(within(picker).getByRole('radio', { name: /grace-qa/ }));
    expect(picker).toHaveAccessibleDescription(`User ID: ${grace.id}`);
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toHaveValue('grace-qa');
    await user.click(within(dialog).getByRole('radio', { name: 'Edit' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add permission' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: /Add a permission/ })).toBeNull();
    });
    expect(granted).toEqual([{ user_id: grace.id, user_name: 'grace-qa', auth: 3 }]);
    // The list is kept: opening the dialog again asks nothing.
    await user.click(await screen.findByRole('button', { name: 'Add permission' }));
    await screen.findByRole('group', { name: 'IAM user' });
    expect(listed).toBe(1);
  });

  it("keeps typed entry, with ids in use suggested, when IAM's list is not available", async () => {
    let granted: unknown;
    server.use(
      ...handlers(),
      swr('createUserRepositoryAuth', async ({ request }) => {
        granted = await request.json();
        return {};
      }),
    );
    server.use(
      ...directoryUnavailable('denied'),
      organizationGrants([
        organizationGrant,
        // Already granted on the repository too: not suggested (it would be refused).
        { user_id: '2da17daf81f4eaf9d289a44053bb3b04', user_name: 'carol-sec', auth: 1 },
      ]),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Add permission' }));
    const dialog = await screen.findByRole('dialog', { name: /Add a permission/ });
    // With suggestions (a datalist), the typed field is a combobox.
    const id = await within(dialog).findByRole('combobox', { name: 'User ID' });
    await waitFor(() => {
      expect(id).toHaveAccessibleDescription(/may not list IAM users, so the ID is typed/);
    });
    expect(id).toHaveAccessibleDescription(/permission on this organization but none here yet/);
    // The organization's grantees who have no permission on the repository yet, with names.
    expect(
      [...dialog.querySelectorAll('datalist option')].map((option) => [
        option.getAttribute('value'),
        option.getAttribute('label'),
      ]),
    ).toEqual([[organizationGrant.user_id, 'dora-ops']]);
    // The format is still checked as typed.
    await user.type(id, 'dora');
    expect(id).toHaveAccessibleDescription(/32 hexadecimal characters/);
    await user.clear(id);
    // A suggestion chosen fills the name.
    await user.type(id, organizationGrant.user_id);
    expect(within(dialog).getByRole('textbox', { name: 'User name' })).toHaveValue('dora-ops');
    expect(id).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Add permission' }));
    await waitFor(() => {
      expect(granted).toEqual([
        { user_id: organizationGrant.user_id, user_name: 'dora-ops', auth: 1 },
      ]);
    });
  });
});

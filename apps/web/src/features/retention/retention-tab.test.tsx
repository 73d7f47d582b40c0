/** The repository's Retention tab against a fake BFF typed from the contract. */
import {
  protectedTagsEndpoint,
  type ProtectedTagPattern,
  type ResponseOf,
} from '@swr-dashboard/swr-client/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const URL = '/cn-north-4/repositories/platform/app/retention';
const DAY = 24 * 60 * 60 * 1000;

const detail: ResponseOf<'showRepository'> = {
  id: 1,
  ns_id: 1,
  name: 'app',
  category: 'other',
  description: '',
  creator_id: 'u1',
  creator_name: 'ops',
  size: 0,
  is_public: false,
  num_images: 5,
  num_download: 0,
  path: 'swr.cn-north-4.myhuaweicloud.com/platform/app',
  internal_path: '10.0.0.1:443/platform/app',
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
  domain_id: 'd1',
};

function tag(name: string, daysAgo: number): ResponseOf<'listRepositoryTags'>[number] {
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  return {
    id: daysAgo,
    repo_id: 1,
    Tag: name,
    image_id: 'img',
    manifest: '{}',
    digest: `sha256:${name}`,
    schema: 2,
    path: `swr.cn-north-4.myhuaweicloud.com/platform/app:${name}`,
    internal_path: '',
    size: 1000,
    is_trusted: false,
    created: at,
    updated: at,
    domain_id: 'd1',
    tag_type: 0,
  };
}

const tags = [tag('v3', 1), tag('latest', 2), tag('v2', 40), tag('release-1', 90), tag('v1', 120)];

const policy: ResponseOf<'listRetentions'>[number] = {
  id: 7,
  algorithm: 'or',
  scope: '',
  rules: [
    {
      template: 'tag_rule',
      params: { num: '10' },
      tag_selectors: [
        { kind: 'label', pattern: 'latest' },
        { kind: 'regexp', pattern: '^release-' },
      ],
    },
  ],
};

/** The repository's SWR, and the organization's protected tag patterns (none unless given). */
function handlers(
  options: { policies?: ResponseOf<'listRetentions'>; protected?: ProtectedTagPattern[] } = {},
) {
  return [
    bffHandler(protectedTagsEndpoint, () => ({ patterns: options.protected ?? [] })),
    swr('showRepository', () => ({ body: detail })),
    swr('listRetentions', () => ({ body: options.policies ?? [] })),
    swr('listRetentionHistories', () => ({
      body: {
        retention_log: [
          {
            id: 1,
            created_at: '2026-02-01T00:00:00Z',
            namespace: 'platform',
            repo: 'app',
            tag: 'old-1',
            retention_id: 7,
            rule_type: '{"template":"date_rule","params":{"days":"30"},"tag_selectors":[]}',
          },
          {
            id: 2,
            created_at: '2026-03-01T00:00:00Z',
            namespace: 'platform',
            repo: 'app',
            tag: 'old-2',
            retention_id: 7,
            rule_type: 'not json',
          },
        ],
        total: 2,
      },
      headers: { 'Content-Range': '0-2/2' },
    })),
    swr('listRepositoryTags', () => ({
      body: tags,
      headers: { 'Content-Range': `0-${tags.length}/${tags.length}` },
    })),
  ];
}

/** The first render loads the repository page and the tab on demand: allow for it. */
const LOADED = { timeout: 5000 };

/** The text of an element, whole (sentences mix text and code elements). */
function sentence(text: string) {
  return (_: string, element: Element | null) =>
    element?.tagName === 'P' && element.textContent === text;
}

describe('Retention tab', () => {
  it('writes the policy as a sentence and lists the deleted tags, newest first', async () => {
    server.use(...handlers({ policies: [policy] }));
    renderApp(URL);
    expect(
      await screen.findByText(
        sentence(
          'Keep the 10 most recent tags, except the tag latest and tags matching ^release-.',
        ),
        {},
        LOADED,
      ),
    ).toBeInTheDocument();
    const logs = await screen.findByRole('table', { name: /Tags deleted by retention/ });
    const rows = within(logs).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('old-2');
    expect(rows[1]).toHaveTextContent('not json');
    expect(rows[2]).toHaveTextContent('old-1');
    expect(rows[2]).toHaveTextContent('Delete tags not pushed in the last 30 days.');
  }, 20_000);

  it('previews what a new rule deletes, warns, and creates it after a red confirmation', async () => {
    let sent: unknown;
    server.use(
      ...handlers(),
      swr('createRetention', async ({ request }) => {
        sent = await request.json();
        return { body: { id: 9 } };
      }),
    );
    const { user } = renderApp(URL);
    expect(await screen.findByText('No retention policy', {}, LOADED)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create policy' }));
    const editor = await screen.findByRole('region', { name: 'Create a retention policy' });
    expect(within(editor).getByRole('note')).toHaveTextContent(
      'SWR applies the policy as soon as it is saved.',
    );
    await user.click(within(editor).getByRole('radio', { name: /by age/ }));
    const days = within(editor).getByRole('spinbutton', { name: 'Days' });
    await user.clear(days);
    await user.type(days, '30');
    await user.click(within(editor).getByRole('button', { name: 'Add exception' }));
    await user.selectOptions(
      within(editor).getByRole('combobox', { name: 'Exception 2: kind' }),
      'regexp',
    );
    const pattern = within(editor).getByRole('textbox', { name: 'Exception 2: pattern' });
    await user.type(pattern, '^rel');
    expect(pattern).toHaveAccessibleDescription('Matches 1 tag of this repository.');
    await user.type(pattern, 'ease-');

    const preview = within(editor).getByRole('table', { name: /kept or deleted/ });
    const verdictOf = (name: string) =>
      within(preview)
        .getAllByRole('row')
        .find((row) => row.querySelector('td')?.textContent === name);
    expect(verdictOf('v2')).toHaveTextContent('DeleteNot pushed in the last 30 days');
    expect(verdictOf('v1')).toHaveTextContent('Delete');
    expect(verdictOf('v3')).toHaveTextContent('KeepPushed within the last 30 days');
    expect(verdictOf('latest')).toHaveTextContent('KeepAn exception: the tag latest');
    expect(verdictOf('release-1')).toHaveTextContent('KeepAn exception: matches ^release-');
    expect(within(editor).getByText('2 of 5 tags would be deleted; 3 kept.')).toBeInTheDocument();

    await user.click(within(editor).getByRole('button', { name: 'Save and delete 2 tags' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Save the policy and apply it now?',
    });
    expect(confirm).toHaveTextContent('2 tags of platform/app are deleted right away');
    expect(confirm).toHaveTextContent('v2, v1');
    await user.click(within(confirm).getByRole('button', { name: 'Save and delete' }));
    await waitFor(() => {
      expect(sent).toEqual({
        algorithm: 'or',
        rules: [
          {
            template: 'date_rule',
            params: { days: '30' },
            tag_selectors: [
              { kind: 'label', pattern: 'latest' },
              { kind: 'regexp', pattern: '^release-' },
            ],
          },
        ],
      });
    });
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Create a retention policy' })).toBeNull();
    });
  }, 20_000);

  it('checks the number and the patterns as they are typed', async () => {
    server.use(...handlers());
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Create policy' }, LOADED));
    const editor = await screen.findByRole('region', { name: 'Create a retention policy' });
    const amount = within(editor).getByRole('spinbutton', { name: 'Number of tags to keep' });
    await user.clear(amount);
    await user.type(amount, '1001');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount).toHaveAccessibleDescription(/Enter a whole number from 1 to 1000/);
    await user.click(within(editor).getByRole('radio', { name: /by age/ }));
    const days = within(editor).getByRole('spinbutton', { name: 'Days' });
    await user.clear(days);
    await user.type(days, '400');
    expect(days).toHaveAccessibleDescription(/from 1 to 365/);
    await user.clear(days);
    await user.type(days, '7');
    expect(days).not.toHaveAttribute('aria-invalid');
    await user.selectOptions(
      within(editor).getByRole('combobox', { name: 'Exception 1: kind' }),
      'regexp',
    );
    const pattern = within(editor).getByRole('textbox', { name: 'Exception 1: pattern' });
    await user.clear(pattern);
    await user.type(pattern, 'v(');
    expect(pattern).toHaveAccessibleDescription(/not a valid regular expression/);
    await user.click(within(editor).getByRole('button', { name: /^Save/ }));
    expect(within(editor).getByRole('button', { name: /^Save/ })).toBeDisabled();
    expect(screen.queryByRole('dialog')).toBeNull();
  }, 20_000);

  it('edits a policy without changing its kind, and keeps the input when SWR refuses', async () => {
    let patched: { id?: string; body?: unknown } = {};
    server.use(
      ...handlers({ policies: [policy] }),
      http.patch(
        '/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/retentions/:id',
        async ({ request, params }) => {
          patched = { id: String(params.id), body: await request.json() };
          return bffError(400, 'upstream_rejected', {
            message: 'Invalid param',
            upstream: { status: 400, code: 'SVCSTG.SWR.4000014', requestId: 'up-1' },
          });
        },
      ),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Edit policy' }, LOADED));
    const editor = await screen.findByRole('region', { name: 'Edit the retention policy' });
    const byNumber = within(editor).getByRole('radio', { name: /by number/ });
    expect(byNumber).toBeDisabled();
    expect(byNumber).toHaveAccessibleDescription(/cannot change the kind of rule/);
    const amount = within(editor).getByRole('spinbutton', { name: 'Number of tags to keep' });
    expect(amount).toHaveValue(10);
    await user.clear(amount);
    await user.type(amount, '3');
    // Keeps v3, v2, v1 (latest and release-1 are exceptions): nothing to delete, no confirmation.
    await user.click(within(editor).getByRole('button', { name: 'Save and apply' }));
    expect(await within(editor).findByText('The policy was not saved.')).toBeInTheDocument();
    expect(patched.id).toBe('7');
    expect(patched.body).toMatchObject({ rules: [{ template: 'tag_rule', params: { num: '3' } }] });
    expect(amount).toHaveValue(3);
  }, 20_000);

  it('deletes the policy after a red confirmation', async () => {
    let deleted = '';
    server.use(
      ...handlers({ policies: [policy] }),
      swr('deleteRetention', ({ params }) => {
        deleted = params.retention_id ?? '';
        return {};
      }),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Delete policy' }, LOADED));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the retention policy?' });
    expect(dialog).toHaveTextContent('no longer deleted automatically');
    await user.click(within(dialog).getByRole('button', { name: 'Delete policy' }));
    await waitFor(() => {
      expect(deleted).toBe('7');
    });
  }, 20_000);

  it('lets a viewer read the policy but not change it, with the reason', async () => {
    server.use(...sessionHandlers('viewer'), ...handlers({ policies: [policy] }));
    renderApp(URL);
    const edit = await screen.findByRole('button', { name: 'Edit policy' }, LOADED);
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription('Needs the Operator role (you are Viewer).');
    expect(screen.getByRole('button', { name: 'Delete policy' })).toBeDisabled();
  }, 20_000);

  it('tells a scoped operator the organization is outside their scope', async () => {
    server.use(...sessionHandlers('operator', { namespaces: ['payments'] }), ...handlers());
    renderApp(URL);
    const create = await screen.findByRole('button', { name: 'Create policy' }, LOADED);
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(
      'Your access is limited to organizations matching payments.',
    );
  }, 20_000);

  it('shows what failed and retries', async () => {
    let calls = 0;
    server.use(
      http.get(
        '/api/swr/:region/v2/manage/namespaces/:namespace/repos/:repository/retentions',
        () => {
          calls += 1;
          return calls === 1 ? bffError(503, 'upstream_unavailable') : HttpResponse.json([policy]);
        },
      ),
      ...handlers(),
    );
    const { user } = renderApp(URL);
    expect(
      await screen.findByText('The retention policy could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('button', { name: 'Edit policy' })).toBeEnabled();
  }, 20_000);

  it('warns that SWR deletes protected tags all the same, and excludes them on request', async () => {
    let sent: unknown;
    server.use(
      ...handlers({
        protected: [
          { pattern: 'latest', scope: 'all' },
          { pattern: 'v?', scope: 'organization' },
        ],
      }),
      swr('createRetention', async ({ request }) => {
        sent = await request.json();
        return { body: { id: 9 } };
      }),
    );
    const { user } = renderApp(URL);
    await user.click(await screen.findByRole('button', { name: 'Create policy' }, LOADED));
    const editor = await screen.findByRole('region', { name: 'Create a retention policy' });
    const amount = within(editor).getByRole('spinbutton', { name: 'Number of tags to keep' });
    await user.clear(amount);
    await user.type(amount, '1');
    await user.click(within(editor).getByRole('button', { name: 'Remove exception 1' }));
    expect(within(editor).getByText('4 of 5 tags would be deleted; 1 kept.')).toBeInTheDocument();

    const warning = await within(editor).findByRole('note', {
      name: '3 protected tags would be deleted:',
    });
    expect(warning).toHaveTextContent('latest, v2, v1');
    expect(warning).toHaveTextContent(
      "SWR applies retention itself and does not know the console's protection: saving this policy deletes them",
    );

    // Asked to save as it is, the confirmation says it again.
    await user.click(within(editor).getByRole('button', { name: 'Save and delete 4 tags' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Save the policy and apply it now?',
    });
    expect(confirm).toHaveTextContent(
      '3 of them are protected in the console: SWR deletes them all the same.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));

    // The patterns as exceptions in SWR's syntax: an exact tag, and a whole-name expression.
    await user.click(within(warning).getByRole('button', { name: 'Exclude protected tags' }));
    expect(within(editor).getByRole('textbox', { name: 'Exception 1: tag' })).toHaveValue('latest');
    const pattern = within(editor).getByRole('textbox', { name: 'Exception 2: pattern' });
    expect(pattern).toHaveValue('^v.$');
    expect(pattern).toHaveAccessibleDescription('Matches 3 tags of this repository.');
    expect(
      within(editor).queryByRole('note', { name: /protected tags? would be deleted/ }),
    ).toBeNull();
    expect(within(editor).getByText('0 of 5 tags would be deleted; 5 kept.')).toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Save and apply' }));
    await waitFor(() => {
      expect(sent).toEqual({
        algorithm: 'or',
        rules: [
          {
            template: 'tag_rule',
            params: { num: '1' },
            tag_selectors: [
              { kind: 'label', pattern: 'latest' },
              { kind: 'regexp', pattern: '^v.$' },
            ],
          },
        ],
      });
    });
  }, 20_000);

  it('names a few protected tags and counts the rest, in 简体中文 too', async () => {
    changeLanguage('zh-CN');
    try {
      server.use(...handlers({ protected: [{ pattern: '*', scope: 'all' }] }));
      const { user } = renderApp(URL);
      await user.click(await screen.findByRole('button', { name: '创建规则' }, LOADED));
      const editor = await screen.findByRole('region', { name: '创建老化规则' });
      await user.click(within(editor).getByRole('radio', { name: /按天数/ }));
      const days = within(editor).getByRole('spinbutton', { name: '天数' });
      await user.clear(days);
      await user.type(days, '30');
      const warning = await within(editor).findByRole('note', {
        name: '将删除 3 个受保护的镜像版本：',
      });
      expect(warning).toHaveTextContent('SWR 并不知道控制台的保护');
      // `*` protects every tag: the exception is `^.*$`.
      await user.click(within(warning).getByRole('button', { name: '排除受保护的镜像版本' }));
      expect(within(editor).getByRole('textbox', { name: '例外 2：模式' })).toHaveValue('^.*$');
    } finally {
      changeLanguage('en');
    }
  }, 20_000);
});

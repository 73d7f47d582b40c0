/** The audit log page against a fake BFF answering with the contract's audit shapes. */
import {
  auditActorsEndpoint,
  auditCsvEndpoint,
  auditListEndpoint,
} from '@swr-dashboard/swr-client/browser';
import type {
  AuditListResponse,
  AuditRecordShape,
  auditActorsResponse,
} from '@swr-dashboard/swr-client/browser';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from '../../lib/zod';
import { bffError, bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const LOADED = { timeout: 5000 };

function record(overrides: Partial<AuditRecordShape> = {}): AuditRecordShape {
  return {
    v: 1,
    id: '01J0000000000000000000001',
    ts: '2026-03-01T10:00:00.000Z',
    event: 'swr.createRepo',
    outcome: 'success',
    actor: {
      key: 'iss|alice',
      iss: 'iss',
      sub: 'alice',
      name: 'Alice Admin',
      email: 'alice@corp.example',
      role: 'admin',
      groups: ['swr-admins'],
      authMode: 'oidc',
      sessionRef: 'abc123',
    },
    source: { ip: '127.0.0.1', userAgent: 'Chromium' },
    request: {
      id: 'req-1',
      method: 'POST',
      route: '/api/swr/:region/v2/manage/namespaces/{namespace}/repos',
      params: { namespace: 'platform' },
      query: {},
      body: { repository: 'web/app', is_public: false },
    },
    // As the BFF records a creation: the new repository's name is in the body, not the path.
    resource: { type: 'repository', namespace: 'platform', name: null, tag: null },
    upstream: {
      method: 'POST',
      path: '/v2/manage/namespaces/platform/repos',
      status: 201,
      code: null,
      requestId: 'swr-req-9',
      latencyMs: 12,
    },
    httpStatus: 201,
    reason: null,
    bff: { version: '0.1.0', instance: 'bff-1', region: 'cn-north-4' },
    ...overrides,
  };
}

const alice = record().actor;
if (alice === null) throw new Error('the fixture has an actor');

const denied = record({
  id: '01J0000000000000000000002',
  event: 'authz.denied',
  outcome: 'denied',
  actor: {
    ...alice,
    key: 'iss|victor',
    sub: 'victor',
    name: 'Victor Viewer',
    role: 'viewer',
  },
  resource: null,
  upstream: null,
  httpStatus: 403,
  reason: 'createRepo needs the operator role; you are viewer',
});

function listHandler(seen: URL[], total = 2, items: AuditRecordShape[] = [record(), denied]) {
  return bffHandler(auditListEndpoint, ({ request }) => {
    const url = new URL(request.url);
    seen.push(url);
    const body: AuditListResponse = {
      items,
      total,
      offset: Number(url.searchParams.get('offset')),
      limit: Number(url.searchParams.get('limit')),
    };
    return HttpResponse.json(body);
  });
}

type AuditActorsResponse = z.infer<typeof auditActorsResponse>;

/** Everyone in the trail, sorted by name; two people share a name and differ by key. */
const ACTORS: AuditActorsResponse['actors'] = [
  { key: 'iss|alice', name: 'Alice Admin' },
  { key: 'https://idp.example|1234', name: 'Otto Operator' },
  { key: 'urn:swr-dashboard:demo|otto-operator', name: 'Otto Operator' },
  { key: 'iss|victor', name: 'Victor Viewer' },
];

function actorsHandler(actors: AuditActorsResponse['actors'] = ACTORS) {
  return bffHandler(auditActorsEndpoint, () => {
    const body: AuditActorsResponse = { actors };
    return HttpResponse.json(body);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Audit log page', () => {
  it('lists records with who, what, outcome, statuses and request ids, and opens one', async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen), actorsHandler());
    const { user } = renderApp('/cn-north-4/audit');
    const table = await screen.findByRole('table', { name: /Audit records/ }, LOADED);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const [, first, second] = rows;
    if (first === undefined || second === undefined) throw new Error('two records expected');
    expect(rows[1]).toHaveTextContent('Alice Admin');
    expect(rows[1]).toHaveTextContent('swr.createRepo');
    expect(rows[1]).toHaveTextContent('platform/web/app');
    expect(rows[1]).toHaveTextContent('Success');
    expect(rows[1]).toHaveTextContent('HTTP 201');
    expect(rows[1]).toHaveTextContent('SWR 201');
    expect(rows[1]).toHaveTextContent('req-1');
    expect(rows[1]).toHaveTextContent('swr-req-9');
    expect(rows[2]).toHaveTextContent('Denied');
    expect(seen[0]?.searchParams.get('limit')).toBe('50');

    await user.click(within(second).getByRole('button', { name: /Details of authz.denied/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Audit record: authz.denied' });
    expect(dialog).toHaveTextContent('createRepo needs the operator role; you are viewer');
    expect(dialog).toHaveTextContent('Nothing was sent to SWR.');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(within(first).getByRole('button', { name: /Details of swr.createRepo/ }));
    const detail = await screen.findByRole('dialog', { name: 'Audit record: swr.createRepo' });
    expect(detail).toHaveTextContent('"repository": "web/app"');
    expect(detail).toHaveTextContent('swr-req-9');
  }, 20_000);

  it('puts the filters in the query string and asks the server for them, page by page', async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen, 120), actorsHandler());
    const { user, location } = renderApp('/cn-north-4/audit');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    const picker = within(filters).getByRole('combobox', { name: 'User' });
    await within(picker).findByRole('option', { name: 'Alice Admin' });
    await user.selectOptions(picker, 'Alice Admin');
    await user.type(within(filters).getByRole('combobox', { name: 'Action' }), 'swr.createRepo');
    await user.type(within(filters).getByRole('textbox', { name: 'Organization' }), 'platform');
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Outcome' }), 'denied');
    fireEvent.change(within(filters).getByLabelText('From'), {
      target: { value: '2026-03-01T00:00' },
    });
    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('outcome')).toBe('denied');
    });
    const last = seen.at(-1) ?? new URL('http://none');
    expect(last.searchParams.get('user')).toBe('iss|alice');
    expect(last.searchParams.get('action')).toBe('swr.createRepo');
    expect(last.searchParams.get('namespace')).toBe('platform');
    expect(last.searchParams.get('from')).toBe(new Date('2026-03-01T00:00').toISOString());
    const search = new URLSearchParams(location().search);
    expect(search.get('user')).toBe('iss|alice');
    expect(search.get('outcome')).toBe('denied');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('offset')).toBe('50');
    });
    expect(seen.at(-1)?.searchParams.get('user')).toBe('iss|alice');
    expect(new URLSearchParams(location().search).get('offset')).toBe('50');

    await user.click(
      within(screen.getByRole('form', { name: 'Filters' })).getByRole('button', { name: 'Clear' }),
    );
    await waitFor(() => {
      expect(location().search).toBe('');
    });
  }, 20_000);

  it('refuses a time range that ends before it starts', async () => {
    server.use(listHandler([]), actorsHandler());
    renderApp('/cn-north-4/audit');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    fireEvent.change(within(filters).getByLabelText('From'), {
      target: { value: '2026-03-02T00:00' },
    });
    const to = within(filters).getByLabelText('To');
    fireEvent.change(to, { target: { value: '2026-03-01T00:00' } });
    expect(to).toHaveAccessibleDescription('“To” must be after “From”.');
    expect(within(filters).getByRole('button', { name: 'Apply' })).toBeDisabled();
  }, 20_000);

  it('downloads the CSV of the current filters with the CSRF header', async () => {
    let csvRequest: Request | undefined;
    server.use(
      listHandler([]),
      actorsHandler(),
      bffHandler(auditCsvEndpoint, ({ request }) => {
        csvRequest = request;
        return new HttpResponse('id,ts\r\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="swr-audit-start-20260301T000000Z.csv"',
          },
        });
      }),
    );
    const createObjectURL = vi.fn(() => 'blob:audit');
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
    const { user } = renderApp('/cn-north-4/audit?outcome=denied&user=iss%7Cvictor');
    await user.click(await screen.findByRole('button', { name: 'Download CSV' }, LOADED));
    expect(
      await screen.findByText(/Saved swr-audit-start-20260301T000000Z.csv/),
    ).toBeInTheDocument();
    expect(csvRequest?.headers.get('X-CSRF')).toBe('1');
    const query = new URL(csvRequest?.url ?? '').searchParams;
    expect(query.get('outcome')).toBe('denied');
    expect(query.get('user')).toBe('iss|victor');
    expect(query.has('limit')).toBe(false);
    expect(saved).toEqual([
      { href: 'blob:audit', download: 'swr-audit-start-20260301T000000Z.csv' },
    ]);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  }, 20_000);

  it('tells an operator the log is for admins only, without asking the server', async () => {
    server.use(...sessionHandlers('operator'));
    renderApp('/cn-north-4/audit');
    expect(await screen.findByText('Admins only', {}, LOADED)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    expect(
      within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', {
        name: 'Audit log',
      }),
    ).toBeNull();
  }, 20_000);

  it('shows what failed and retries', async () => {
    let calls = 0;
    server.use(
      bffHandler(auditListEndpoint, () => {
        calls += 1;
        return calls === 1
          ? bffError(500, 'internal')
          : HttpResponse.json({ items: [record()], total: 1, offset: 0, limit: 50 });
      }),
      actorsHandler(),
    );
    const { user } = renderApp('/cn-north-4/audit');
    expect(
      await screen.findByText('The audit log could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: /Audit records/ })).toBeInTheDocument();
  }, 20_000);

  it('offers the people in the trail by name and filters by the identity key picked', async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen), actorsHandler());
    const { user, location } = renderApp('/cn-north-4/audit');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    const picker = within(filters).getByRole('combobox', { name: 'User' });
    await within(picker).findByRole('option', { name: 'Alice Admin' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Anyone',
      'Alice Admin',
      'Otto Operator (https://idp.example|1234)',
      'Otto Operator (urn:swr-dashboard:demo|otto-operator)',
      'Victor Viewer',
    ]);
    expect(picker).toHaveAccessibleDescription(/Everyone who appears in the log/);

    await user.selectOptions(picker, 'Otto Operator (urn:swr-dashboard:demo|otto-operator)');
    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('user')).toBe('urn:swr-dashboard:demo|otto-operator');
    });
    expect(new URLSearchParams(location().search).get('user')).toBe(
      'urn:swr-dashboard:demo|otto-operator',
    );
    expect(
      within(screen.getByRole('form', { name: 'Filters' })).getByRole('combobox', {
        name: 'User',
      }),
    ).toHaveDisplayValue('Otto Operator (urn:swr-dashboard:demo|otto-operator)');
  }, 20_000);

  it('keeps a user key from the URL that is not in the trail, shown as the key', async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen), actorsHandler());
    renderApp('/cn-north-4/audit?user=iss%7Cgone');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    const picker = within(filters).getByRole('combobox', { name: 'User' });
    await within(picker).findByRole('option', { name: 'Alice Admin' });
    expect(picker).toHaveDisplayValue('iss|gone');
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('user')).toBe('iss|gone');
    });
  }, 20_000);

  it('says when the people in the trail could not be loaded, and still clears the user', async () => {
    const seen: URL[] = [];
    server.use(
      listHandler(seen),
      bffHandler(auditActorsEndpoint, () => bffError(500, 'internal')),
    );
    const { user, location } = renderApp('/cn-north-4/audit?user=iss%7Cvictor&outcome=denied');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    const picker = within(filters).getByRole('combobox', { name: 'User' });
    await waitFor(() => {
      expect(picker).toHaveAccessibleDescription(/The list of users could not be loaded/);
    });
    expect(picker).toHaveDisplayValue('iss|victor');
    await user.selectOptions(picker, 'Anyone');
    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    await waitFor(() => {
      expect(new URLSearchParams(location().search).has('user')).toBe(false);
    });
    expect(new URLSearchParams(location().search).get('outcome')).toBe('denied');
    expect(seen.at(-1)?.searchParams.has('user')).toBe(false);
  }, 20_000);

  it('shows what a request named, the id the client sent, and repeated refusals', async () => {
    const sync = record({
      id: '01J0000000000000000000003',
      event: 'swr.createImageSync',
      request: {
        ...record().request,
        id: 'req-3',
        clientId: 'client-chosen-7',
        route: '/api/swr/:region/v2/manage/namespaces/{namespace}/repos/{repository}/sync_images',
        params: { namespace: 'payments', repository: 'gateway' },
        body: { remoteRegionId: 'cn-east-3', remoteNamespace: 'platform' },
      },
      targets: [
        { kind: 'namespace', name: 'payments', field: 'params.namespace', region: 'cn-north-4' },
        { kind: 'namespace', name: 'platform', field: 'body.remoteNamespace', region: 'cn-east-3' },
        { kind: 'region', name: 'cn-east-3', field: 'body.remoteRegionId' },
      ],
    });
    const refused = record({
      id: '01J0000000000000000000004',
      event: 'auth.unauthenticated',
      outcome: 'denied',
      actor: null,
      resource: null,
      upstream: null,
      httpStatus: 401,
      reason: 'not signed in',
      repeats: { count: 37, first: '2026-03-01T10:00:05.000Z', last: '2026-03-01T10:00:59.000Z' },
    });
    server.use(listHandler([], 2, [sync, refused]), actorsHandler());
    const { user } = renderApp('/cn-north-4/audit');
    const table = await screen.findByRole('table', { name: /Audit records/ }, LOADED);
    const [, syncRow, refusedRow] = within(table).getAllByRole('row');
    if (syncRow === undefined || refusedRow === undefined) throw new Error('two records expected');
    expect(refusedRow).toHaveTextContent('×37');
    expect(refusedRow).toHaveTextContent('and 37 more like it');
    expect(syncRow).not.toHaveTextContent('more like it');

    await user.click(
      within(syncRow).getByRole('button', { name: /Details of swr.createImageSync/ }),
    );
    const detail = await screen.findByRole('dialog', {
      name: 'Audit record: swr.createImageSync',
    });
    const targets = within(detail).getByRole('table', { name: 'What the request named' });
    const rows = within(targets).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent(/Organization\s*payments\s*cn-north-4\s*params\.namespace/);
    expect(rows[2]).toHaveTextContent(
      /Organization\s*platform\s*cn-east-3\s*body\.remoteNamespace/,
    );
    expect(rows[3]).toHaveTextContent(/Region\s*cn-east-3\s*—\s*body\.remoteRegionId/);
    expect(detail).toHaveTextContent(/Request id the client sent\s*client-chosen-7/);
    expect(detail).not.toHaveTextContent('more like this');
    await user.click(within(detail).getByRole('button', { name: 'Close' }));

    await user.click(
      within(refusedRow).getByRole('button', { name: /Details of auth.unauthenticated/ }),
    );
    const repeated = await screen.findByRole('dialog', {
      name: 'Audit record: auth.unauthenticated',
    });
    expect(repeated).toHaveTextContent(/Repeats\s*37 more like this between .+ and .+/);
    expect(repeated).not.toHaveTextContent('Request id the client sent');
    expect(within(repeated).queryByRole('table')).toBeNull();
    expect(within(repeated).queryByRole('button', { name: "Show this user's records" })).toBeNull();
  }, 20_000);

  it("shows a record's user's records from its details, by identity key", async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen), actorsHandler());
    const { user, location } = renderApp('/cn-north-4/audit?outcome=denied&offset=50');
    const table = await screen.findByRole('table', { name: /Audit records/ }, LOADED);
    const [, , second] = within(table).getAllByRole('row');
    if (second === undefined) throw new Error('two records expected');
    await user.click(within(second).getByRole('button', { name: /Details of authz.denied/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Audit record: authz.denied' });
    await user.click(within(dialog).getByRole('button', { name: "Show this user's records" }));
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('user')).toBe('iss|victor');
    });
    expect(seen.at(-1)?.searchParams.get('offset')).toBe('0');
    const search = new URLSearchParams(location().search);
    expect(search.get('user')).toBe('iss|victor');
    expect(search.get('outcome')).toBe('denied');
    expect(search.has('offset')).toBe(false);
    expect(screen.queryByRole('dialog', { name: /Audit record/ })).toBeNull();
    const picker = within(screen.getByRole('form', { name: 'Filters' })).getByRole('combobox', {
      name: 'User',
    });
    await waitFor(() => {
      expect(picker).toHaveDisplayValue('Victor Viewer');
    });
  }, 20_000);
});

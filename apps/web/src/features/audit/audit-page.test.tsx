/** The audit log page against a fake BFF answering with the contract's audit shapes. */
import type { AuditListResponse, AuditRecordShape } from '@swr-dashboard/swr-client/browser';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bffError, sessionHandlers } from '../../../test/handlers';
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
  actor: { ...alice, name: 'Victor Viewer', role: 'viewer' },
  resource: null,
  upstream: null,
  httpStatus: 403,
  reason: 'createRepo needs the operator role; you are viewer',
});

function listHandler(seen: URL[], total = 2) {
  return http.get('/api/audit', ({ request }) => {
    const url = new URL(request.url);
    seen.push(url);
    const body: AuditListResponse = {
      items: [record(), denied],
      total,
      offset: Number(url.searchParams.get('offset')),
      limit: Number(url.searchParams.get('limit')),
    };
    return HttpResponse.json(body);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Audit log page', () => {
  it('lists records with who, what, outcome, statuses and request ids, and opens one', async () => {
    const seen: URL[] = [];
    server.use(listHandler(seen));
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
    server.use(listHandler(seen, 120));
    const { user, location } = renderApp('/cn-north-4/audit');
    const filters = await screen.findByRole('form', { name: 'Filters' }, LOADED);
    await user.type(within(filters).getByRole('textbox', { name: 'User' }), 'Alice Admin');
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
    expect(last.searchParams.get('user')).toBe('Alice Admin');
    expect(last.searchParams.get('action')).toBe('swr.createRepo');
    expect(last.searchParams.get('namespace')).toBe('platform');
    expect(last.searchParams.get('from')).toBe(new Date('2026-03-01T00:00').toISOString());
    const search = new URLSearchParams(location().search);
    expect(search.get('user')).toBe('Alice Admin');
    expect(search.get('outcome')).toBe('denied');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => {
      expect(seen.at(-1)?.searchParams.get('offset')).toBe('50');
    });
    expect(seen.at(-1)?.searchParams.get('user')).toBe('Alice Admin');
    expect(new URLSearchParams(location().search).get('offset')).toBe('50');

    await user.click(
      within(screen.getByRole('form', { name: 'Filters' })).getByRole('button', { name: 'Clear' }),
    );
    await waitFor(() => {
      expect(location().search).toBe('');
    });
  }, 20_000);

  it('refuses a time range that ends before it starts', async () => {
    server.use(listHandler([]));
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
      http.get('/api/audit.csv', ({ request }) => {
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
    const { user } = renderApp('/cn-north-4/audit?outcome=denied&user=Victor');
    await user.click(await screen.findByRole('button', { name: 'Download CSV' }, LOADED));
    expect(
      await screen.findByText(/Saved swr-audit-start-20260301T000000Z.csv/),
    ).toBeInTheDocument();
    expect(csvRequest?.headers.get('X-CSRF')).toBe('1');
    const query = new URL(csvRequest?.url ?? '').searchParams;
    expect(query.get('outcome')).toBe('denied');
    expect(query.get('user')).toBe('Victor');
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
      http.get('/api/audit', () => {
        calls += 1;
        return calls === 1
          ? bffError(500, 'internal')
          : HttpResponse.json({ items: [record()], total: 1, offset: 0, limit: 50 });
      }),
    );
    const { user } = renderApp('/cn-north-4/audit');
    expect(
      await screen.findByText('The audit log could not be loaded.', {}, LOADED),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: /Audit records/ })).toBeInTheDocument();
  }, 20_000);
});

/** The About page against a fake BFF: readiness, each region's API versions, the build. */
import { readinessEndpoint } from '@swr-dashboard/swr-client/browser';
import type { ResponseOf } from '@swr-dashboard/swr-client/browser';
import type { Readiness } from './api';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bffError, bffHandler, sessionHandlers, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';

const LOADED = { timeout: 5000 };

const versions: ResponseOf<'listApiVersions'> = {
  versions: [
    {
      id: 'v2',
      links: { href: 'https://swr-api.cn-north-4.myhuaweicloud.com/v2/', rel: 'self' },
      version: '2.26',
      status: 'CURRENT',
      updated: '2017-12-09T00:00:00Z',
      min_version: '2.0',
    },
  ],
};

/** The BFF's readiness report for signed-in users (always 200; the status is in the body). */
function readiness(body: Readiness) {
  return bffHandler(readinessEndpoint, () => HttpResponse.json(body));
}

function region(
  id: string,
  status: 'ok' | 'failing',
  latencyMs: number,
  detail?: string,
): Readiness['regions'][number] {
  return {
    id,
    status,
    latencyMs,
    ...(detail === undefined ? {} : { detail }),
    checkedAt: '2026-12-07T10:00:00.000Z',
    breaker: { state: 'closed', consecutiveFailures: 0, probeAt: null },
  };
}

describe('About page', () => {
  it("shows the build, each region's health and API versions", async () => {
    server.use(
      ...sessionHandlers('viewer'),
      readiness({
        status: 'failing',
        database: 'ok',
        regions: [region('cn-north-4', 'ok', 12), region('cn-east-3', 'failing', 3001, 'timeout')],
      }),
      swr('listApiVersions', ({ params }) =>
        params.region === 'cn-north-4' ? { body: versions } : { status: 502, body: undefined },
      ),
    );
    renderApp('/cn-north-4/about');
    expect(await screen.findByRole('heading', { name: 'About' }, LOADED)).toBeInTheDocument();
    expect(screen.getByText('Version').nextElementSibling).toHaveTextContent(
      'not recorded in this build',
    );

    const health = await screen.findByRole('table', { name: /whether it answers/ });
    const [, north, east] = within(health).getAllByRole('row');
    expect(north).toHaveTextContent('cn-north-4OK12 ms');
    expect(east).toHaveTextContent('cn-east-3Failing3,001 mstimeout');

    const northVersions = await screen.findByRole('table', { name: 'API versions of cn-north-4' });
    expect(within(northVersions).getAllByRole('row')[1]).toHaveTextContent('v22.262.0Current');
    expect(
      await screen.findByText('The API versions of cn-east-3 could not be loaded.'),
    ).toBeInTheDocument();
    // Nothing on this page writes: a viewer sees all of it.
    expect(screen.queryByRole('button', { name: /Create|Delete|Generate/ })).toBeNull();
  }, 20_000);

  it('says when the health check fails, and checks again', async () => {
    let calls = 0;
    server.use(
      bffHandler(readinessEndpoint, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse('Bad gateway', { status: 502 })
          : HttpResponse.json({
              status: 'ok',
              database: 'ok',
              regions: [region('cn-north-4', 'ok', 5)],
            } satisfies Readiness);
      }),
      swr('listApiVersions', () => ({ body: versions })),
    );
    const { user } = renderApp('/cn-north-4/about');
    expect(
      await screen.findByText("The console's health could not be checked.", {}, LOADED),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    const health = await screen.findByRole('table', { name: /whether it answers/ });
    expect(within(health).getAllByRole('row')[1]).toHaveTextContent('cn-north-4OK5 ms');
  }, 20_000);

  it("retries a region's API versions on its own", async () => {
    let calls = 0;
    server.use(
      readiness({ status: 'ok', database: 'ok', regions: [] }),
      http.get('/api/swr/:region/', ({ params }) => {
        if (params.region === 'cn-north-4') return HttpResponse.json(versions);
        calls += 1;
        return calls === 1 ? bffError(503, 'upstream_unavailable') : HttpResponse.json(versions);
      }),
    );
    const { user } = renderApp('/cn-north-4/about');
    const failed = await screen.findByText(
      'The API versions of cn-east-3 could not be loaded.',
      {},
      LOADED,
    );
    expect(failed.parentElement).toHaveTextContent("The region's SWR cannot be reached right now.");
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'API versions of cn-east-3' }),
    ).toBeInTheDocument();
  }, 20_000);
});

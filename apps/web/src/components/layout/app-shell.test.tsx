/**
 * Switching region in the header keeps the user where they were: the same page, with its filters,
 * in the other region.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { repositoryDetail, swr } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { inRegion } from './app-shell';

describe('inRegion', () => {
  it.each([
    [
      '/cn-north-4/repositories/payments/gateway/sync',
      '',
      '/cn-east-3/repositories/payments/gateway/sync',
    ],
    [
      '/cn-north-4/organizations/payments',
      '?tab=permissions',
      '/cn-east-3/organizations/payments?tab=permissions',
    ],
    [
      '/cn-north-4/repositories',
      '?q=api&offset=40&sort=name',
      '/cn-east-3/repositories?q=api&sort=name',
    ],
    ['/cn-north-4', '', '/cn-east-3/overview'],
    [
      '/cn-north-4/repositories/payments/gateway/triggers',
      '?trigger=deploy-prod',
      '/cn-east-3/repositories/payments/gateway/triggers',
    ],
  ])('%s%s → %s', (pathname, search, expected) => {
    expect(inRegion(pathname, search, 'cn-east-3')).toBe(expected);
  });
});

describe('Region switch', { timeout: 30_000 }, () => {
  it('opens the same repository tab in the other region, with its filter', async () => {
    const regions: string[] = [];
    server.use(
      swr('showRepository', ({ params }) => {
        regions.push(params.region ?? '');
        return { body: repositoryDetail() };
      }),
      swr('listRepositoryTags', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
    );
    const { user, location } = renderApp(
      '/cn-north-4/repositories/payments/payment-gateway/tags?q=v1&offset=20',
    );
    await screen.findByRole(
      'heading',
      { level: 1, name: 'payments/payment-gateway' },
      { timeout: 5000 },
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region' }), 'cn-east-3');
    expect(location().pathname).toBe('/cn-east-3/repositories/payments/payment-gateway/tags');
    expect(location().search).toBe('?q=v1');
    await screen.findByRole('heading', { level: 1, name: 'payments/payment-gateway' });
    expect(regions).toContain('cn-east-3');
  });
});

/**
 * Routes load their page's code on demand; a page whose code was loaded ahead (from the address,
 * before the user is known) shows with the shell at once, without a loading step in between.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { repositoryDetail, swr } from '../../test/handlers';
import { renderApp } from '../../test/render';
import { server } from '../../test/server';
import { loadRepositoryTab } from './routes/repository/tab-code';
import { preloadRepositoryRoute } from './router';

describe('Routes', { timeout: 30_000 }, () => {
  it('show a preloaded page in the same render as the shell', async () => {
    server.use(
      swr('showRepository', () => ({ body: repositoryDetail() })),
      swr('listRepositoryTags', () => ({ body: [], headers: { 'Content-Range': '0-0/0' } })),
    );
    await Promise.all([preloadRepositoryRoute(), loadRepositoryTab('tags')]);
    renderApp('/cn-north-4/repositories/payments/payment-gateway/tags');

    // The shell appears once the user is known; the page is there with it, not a fallback.
    await screen.findByRole('navigation', { name: 'Main' }, { timeout: 5000 });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('payments/payment-gateway');
  });
});

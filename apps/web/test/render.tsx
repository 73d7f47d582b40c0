/**
 * Renders the real app (real providers, real router, real pages) at a URL, with a fresh
 * console QueryClient whose queries do not retry.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient, Providers } from '../src/app/providers';
import { routes } from '../src/app/router';

export function renderApp(url: string) {
  const client = createQueryClient({ retry: false, staleTime: 0 });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const user = userEvent.setup();
  const view = render(
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, client, user };
}

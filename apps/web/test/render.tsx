/**
 * Renders the real app (real providers, real routes, real pages) at a URL, with a fresh
 * console QueryClient whose queries do not retry. `location()` is where the app is now.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import { createQueryClient, Providers } from '../src/app/providers';
import { AppRoutes } from '../src/app/router';

export function renderApp(url: string) {
  const client = createQueryClient({ retry: false, staleTime: 0 });
  const user = userEvent.setup();
  let current: Location | undefined;
  function LocationProbe() {
    current = useLocation();
    return null;
  }
  const view = render(
    <Providers client={client}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
        <LocationProbe />
      </MemoryRouter>
    </Providers>,
  );
  function location(): Location {
    if (current === undefined) throw new Error('the app has not rendered');
    return current;
  }
  return { ...view, client, user, location };
}

import './lib/zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createQueryClient, Providers } from './app/providers';
import { AppRoutes } from './app/router';
import './index.css';
import { setupI18n } from './lib/i18n';
import { applyTheme, followSystemTheme, storedTheme } from './lib/theme';

applyTheme(storedTheme());
followSystemTheme();
setupI18n();

const queryClient = createQueryClient();
// On a repository tab's address, the page's code and the tab's data start loading now, beside the
// session (`/api/me`), not after it. Loaded apart, so the first script stays small.
if (/^\/[^/]+\/repositories\/[^/]+\/[^/]+\/[^/]+\/?$/.test(window.location.pathname)) {
  import('./features/repository/prefetch')
    .then(({ prefetchRepositoryTabAt }) => {
      prefetchRepositoryTabAt(queryClient, window.location);
    })
    .catch(() => undefined);
}

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <Providers client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);

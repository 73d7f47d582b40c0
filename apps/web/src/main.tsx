import './lib/zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18n from 'i18next';
import { BrowserRouter } from 'react-router';
import { createQueryClient, Providers } from './app/providers';
import { AppRoutes, preloadRepositoryRoute } from './app/router';
import './index.css';
import { setupI18n } from './lib/i18n';
import { applyTheme, followSystemTheme, storedTheme } from './lib/theme';

applyTheme(storedTheme());
followSystemTheme();
const languageReady = setupI18n();

const queryClient = createQueryClient();
// On a repository tab's address, the page's code and the tab's data start loading now, beside the
// session (`/api/me`), not after it. Loaded apart, so the first script stays small.
if (/^\/[^/]+\/repositories\/[^/]+\/[^/]+\/[^/]+\/?$/.test(window.location.pathname)) {
  void preloadRepositoryRoute();
  import('./app/routes/repository/prefetch')
    .then(({ prefetchRepositoryTabAt }) => {
      prefetchRepositoryTabAt(queryClient, window.location);
    })
    .catch(() => undefined);
}

// A page's first Intl formatter loads ICU's data: 40–80 ms in a fresh Chromium renderer on this
// project's machines. The console's formatters are made while the first data is on its way, not
// when the first table renders.
const whenIdle =
  'requestIdleCallback' in window
    ? (run: () => void) => window.requestIdleCallback(run)
    : (run: () => void) => setTimeout(run, 0);
whenIdle(() => {
  import('./lib/format')
    .then(({ formatterFor }) => formatterFor(i18n.language))
    .catch(() => undefined);
});

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
// In English at once; in another language once its shell strings are in (a failed load shows
// English, the fallback, rather than nothing).
void languageReady
  .catch(() => undefined)
  .then(() => {
    createRoot(root).render(
      <StrictMode>
        <Providers client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </Providers>
      </StrictMode>,
    );
  });

/**
 * The console's frame: navigation on the left, the region, the app's tools (search), language,
 * theme and the signed-in user (name and role always visible) on top, a demo banner in demo sign-in, the page below.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate, useParams } from 'react-router';
import { signOut, useMe } from '../../lib/session';
import { cn } from '../../lib/cn';
import { pagesFor } from '../../lib/pages';
import { changeLanguage, LANGUAGES, type Language } from '../../lib/i18n';
import { saveTheme, storedTheme, type ThemeChoice } from '../../lib/theme';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Select } from '../ui/field';

/**
 * A header control's label keeps to one line: Chinese may break between any two characters, so a
 * squeezed label would stack one character per line. The selects' widths are marked important
 * because the shared control class sets `w-full`, which would otherwise win and squeeze the label.
 */
const LABEL = 'shrink-0 whitespace-nowrap text-muted';

/**
 * The same page in another region: the region is the first path segment. A deep page (an
 * organization, a repository) stays deep: ops teams keep the same names in their regions, and a
 * page whose thing is missing there says so and links back to its list. Filters and order stay;
 * what names one place or one item of this region does not.
 */
/** Search parameters that belong to this region's data: a list's position, an open trigger. */
const LEFT_BEHIND = ['offset', 'trigger'];

export function inRegion(pathname: string, search: string, region: string): string {
  const [, , ...rest] = pathname.split('/');
  const path = rest.length === 0 || rest[0] === '' ? 'overview' : rest.join('/');
  const params = new URLSearchParams(search);
  for (const name of LEFT_BEHIND) params.delete(name);
  const query = params.toString();
  return `/${region}/${path}${query === '' ? '' : `?${query}`}`;
}

export interface AppShellProps {
  children: ReactNode;
  /** Header tools beside the language (the app's search and keyboard shortcuts). */
  tools?: ReactNode;
}

export function AppShell({ children, tools }: AppShellProps) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { region = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const [signingOut, setSigningOut] = useState(false);
  const items = pagesFor(me.user.role);
  return (
    <div className="flex min-h-full flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-card focus:px-3 focus:py-2"
      >
        {t('shell.skipToContent')}
      </a>
      {me.user.authMode === 'demo' ? (
        <div
          role="note"
          className="border-b border-warning/50 bg-warning/15 px-4 py-1.5 text-center text-sm"
        >
          {t('shell.demoBanner')}
        </div>
      ) : null}
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-border bg-card px-4 py-2">
        <div className="flex items-center gap-3">
          <span className="whitespace-nowrap font-semibold">{t('app.name')}</span>
          <label className="flex shrink-0 items-center gap-2 text-sm">
            <span className={LABEL}>{t('shell.region')}</span>
            <Select
              className="w-40!"
              value={region}
              onChange={(event) => {
                void navigate(inRegion(location.pathname, location.search, event.target.value));
              }}
            >
              {me.regions.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.id}
                </option>
              ))}
            </Select>
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {tools}
          <label className="flex shrink-0 items-center gap-2">
            <span className={LABEL}>{t('shell.language')}</span>
            <Select
              className="w-28!"
              value={i18n.language}
              onChange={(event) => {
                changeLanguage(event.target.value as Language);
              }}
            >
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.label}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex shrink-0 items-center gap-2">
            <span className={LABEL}>{t('shell.theme')}</span>
            <Select
              className="w-28!"
              value={theme}
              onChange={(event) => {
                const next = event.target.value as ThemeChoice;
                saveTheme(next);
                setTheme(next);
              }}
            >
              {(['system', 'light', 'dark'] as const).map((choice) => (
                <option key={choice} value={choice}>
                  {t(`shell.themes.${choice}`)}
                </option>
              ))}
            </Select>
          </label>
          <span
            className="flex items-center gap-2"
            aria-label={t('shell.signedInAs', { name: me.user.name })}
          >
            <span className="font-medium">{me.user.name}</span>
            <Badge tone="info">{t(`roles.${me.user.role}`)}</Badge>
          </span>
          <Button
            size="sm"
            busy={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut()
                .then(({ logoutUrl }) => {
                  queryClient.clear();
                  if (logoutUrl === null) void navigate('/signin');
                  else window.location.assign(logoutUrl);
                })
                .finally(() => {
                  setSigningOut(false);
                });
            }}
          >
            {t('shell.signOut')}
          </Button>
        </div>
      </header>
      <div className="flex flex-1">
        <nav
          aria-label={t('nav.label')}
          className="w-52 shrink-0 border-r border-border bg-card px-2 py-4"
        >
          <ul className="flex flex-col gap-1">
            {items.map(({ path, label }) => (
              <li key={path}>
                <NavLink
                  to={`/${region}/${path}`}
                  className={({ isActive }) =>
                    cn(
                      'block rounded-md px-3 py-2 text-sm',
                      isActive ? 'bg-hover font-medium' : 'text-muted hover:bg-hover hover:text-fg',
                    )
                  }
                >
                  {t(label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1 px-6 py-5">
          {children}
        </main>
      </div>
    </div>
  );
}

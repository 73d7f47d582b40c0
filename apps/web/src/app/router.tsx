/**
 * Every page of the console, each loaded on demand (the first route's JavaScript stays small),
 * except the Overview, where everyone lands: it comes with the entry (decision 0012).
 * Routes are thin: they render a feature's page component. Declarative routes (no data-router
 * loaders) keep React Router's share of the first bundle at about half: pages fetch through
 * TanStack Query, which also prefetches on intent (see decision 0005).
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ROUTES, underRegion } from '../lib/paths';
import { NotFoundPage } from './not-found';
import { Component as Overview } from './routes/overview';
import { RootRedirect, SignedIn } from './signed-in';

/**
 * A route module's page, loaded when the route is first shown or when `preload` asks for it
 * earlier. A page whose code is already there renders at once instead of suspending: React holds
 * back what a Suspense boundary reveals for at least 300 ms after its fallback showed.
 */
function page(load: () => Promise<{ Component: ComponentType }>) {
  let loaded: ComponentType | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module.Component;
      return { default: module.Component };
    });
  const Lazy = lazy(preload);
  function Page() {
    // Chosen once per mount: switching from Lazy to the loaded page later would remount it.
    const [Ready] = useState(() => loaded);
    return Ready === undefined ? <Lazy /> : <Ready />;
  }
  return Object.assign(Page, { preload });
}

const Organizations = page(() => import('./routes/organizations'));
const Organization = page(() => import('./routes/organization'));
const Repositories = page(() => import('./routes/repositories'));
const Repository = page(() => import('./routes/repository'));
const Image = page(() => import('./routes/image'));
const CompareImages = page(() => import('./routes/compare-images'));
const Fleet = page(() => import('./routes/fleet'));
const ShareRadar = page(() => import('./routes/share-radar'));
const SyncHealth = page(() => import('./routes/sync-health'));
const Access = page(() => import('./routes/access'));
const Jobs = page(() => import('./routes/jobs'));
const Job = page(() => import('./routes/job'));
const Shared = page(() => import('./routes/shared'));
const LoginCommand = page(() => import('./routes/login-command'));
const Audit = page(() => import('./routes/audit'));
const About = page(() => import('./routes/about'));
// Signed-in users, who open the console most, never need the sign-in page's code.
const SignIn = page(() => import('./routes/sign-in'));

/** Starts loading a repository tab's route (for an address known before the user is). */
export function preloadRepositoryRoute(): Promise<void> {
  // A chunk that fails to load is reported when the route is shown.
  return Repository.preload().then(
    () => undefined,
    () => undefined,
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/signin"
        element={
          <Suspense fallback={null}>
            <SignIn />
          </Suspense>
        }
      />
      <Route path="/" element={<RootRedirect />} />
      <Route path="/:region" element={<SignedIn />}>
        <Route index element={<Navigate replace to="overview" />} />
        <Route path={underRegion(ROUTES.overview)} element={<Overview />} />
        <Route path={underRegion(ROUTES.organizations)} element={<Organizations />} />
        <Route path={underRegion(ROUTES.organization)} element={<Organization />} />
        <Route path={underRegion(ROUTES.repositories)} element={<Repositories />} />
        <Route path={underRegion(ROUTES.repositoryHome)} element={<Navigate replace to="tags" />} />
        <Route path={underRegion(ROUTES.repository)} element={<Repository />} />
        <Route path={underRegion(ROUTES.image)} element={<Image />} />
        <Route path={underRegion(ROUTES.compare)} element={<CompareImages />} />
        <Route path={underRegion(ROUTES.fleet)} element={<Fleet />} />
        <Route path={underRegion(ROUTES.shareRadar)} element={<ShareRadar />} />
        <Route path={underRegion(ROUTES.syncHealth)} element={<SyncHealth />} />
        <Route path={underRegion(ROUTES.access)} element={<Access />} />
        <Route path={underRegion(ROUTES.jobs)} element={<Jobs />} />
        <Route path={underRegion(ROUTES.job)} element={<Job />} />
        <Route path={underRegion(ROUTES.shared)} element={<Shared />} />
        <Route path={underRegion(ROUTES.loginCommand)} element={<LoginCommand />} />
        <Route path={underRegion(ROUTES.audit)} element={<Audit />} />
        <Route path={underRegion(ROUTES.about)} element={<About />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

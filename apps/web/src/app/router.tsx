/**
 * Every page of the console, each loaded on demand (the first route's JavaScript stays small).
 * Routes are thin: they render a feature's page component.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { SignInPage } from '../features/session/components/sign-in-page';
import { NotFoundPage } from './not-found';
import { RootRedirect, SignedIn } from './signed-in';

export const routes: RouteObject[] = [
  { path: '/signin', element: <SignInPage /> },
  { path: '/', element: <RootRedirect /> },
  {
    path: '/:region',
    element: <SignedIn />,
    children: [
      { index: true, element: <Navigate replace to="overview" /> },
      { path: 'overview', lazy: () => import('./routes/overview') },
      { path: 'organizations', lazy: () => import('./routes/organizations') },
      { path: 'organizations/:namespace', lazy: () => import('./routes/organization') },
      { path: 'repositories', lazy: () => import('./routes/repositories') },
      { path: 'repositories/:namespace/:repository', element: <Navigate replace to="tags" /> },
      {
        path: 'repositories/:namespace/:repository/:tab',
        lazy: () => import('./routes/repository'),
      },
      { path: 'shared', lazy: () => import('./routes/shared') },
      { path: 'login-command', lazy: () => import('./routes/login-command') },
      { path: 'audit', lazy: () => import('./routes/audit') },
      { path: 'about', lazy: () => import('./routes/about') },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

export function createRouter() {
  return createBrowserRouter(routes);
}

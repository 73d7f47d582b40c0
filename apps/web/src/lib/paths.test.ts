/** The builders fill the very patterns the router declares, so a link always lands on its page. */
import { matchPath } from 'react-router';
import { describe, expect, it } from 'vitest';
import { paths, ROUTES, underRegion } from './paths';

describe('paths', () => {
  it('builds addresses the route patterns match, with the values given', () => {
    expect(
      matchPath(ROUTES.organization, paths.organization('cn-north-4', 'payments'))?.params,
    ).toEqual({ region: 'cn-north-4', namespace: 'payments' });
    expect(
      matchPath(ROUTES.repository, paths.repository('cn-east-3', 'ci', 'tools/runner', 'sync'))
        ?.params,
    ).toEqual({ region: 'cn-east-3', namespace: 'ci', repository: 'tools$runner', tab: 'sync' });
    for (const page of [
      'overview',
      'organizations',
      'repositories',
      'fleet',
      'shared',
      'loginCommand',
      'audit',
      'about',
    ] as const) {
      expect(matchPath(ROUTES[page], paths[page]('ap-southeast-1'))).not.toBeNull();
    }
  });

  it('opens the new clean-up with a repository chosen, its name one encoded parameter', () => {
    const address = paths.newCleanup('cn-north-4', 'ci', 'tools/runner');
    expect(address).toBe('/cn-north-4/jobs?new=1&repository=ci%2Ftools%2Frunner');
    const url = new URL(address, 'http://console');
    expect(matchPath(ROUTES.jobs, url.pathname)?.params).toEqual({ region: 'cn-north-4' });
    expect(Object.fromEntries(url.searchParams)).toEqual({
      new: '1',
      repository: 'ci/tools/runner',
    });
  });

  it('opens a tag’s image and the comparison of two tags of a repository', () => {
    expect(
      matchPath(ROUTES.image, paths.image('cn-north-4', 'ci', 'tools/runner', 'v1.2.0'))?.params,
    ).toEqual({ region: 'cn-north-4', namespace: 'ci', repository: 'tools$runner', tag: 'v1.2.0' });
    const address = paths.compare('cn-north-4', 'ci', 'tools/runner', 'v1', 'v2');
    expect(address).toBe('/cn-north-4/repositories/ci/tools$runner/compare?a=v1&b=v2');
    const url = new URL(address, 'http://console');
    expect(matchPath(ROUTES.compare, url.pathname)?.params).toEqual({
      region: 'cn-north-4',
      namespace: 'ci',
      repository: 'tools$runner',
    });
    // Neither is taken for a repository tab: a tab is one segment, an image two.
    expect(matchPath(ROUTES.repository, paths.image('cn-north-4', 'ci', 'r', 'v1'))).toBeNull();
  });

  it('nests each pattern under the region route', () => {
    expect(underRegion(ROUTES.repository)).toBe('repositories/:namespace/:repository/:tab');
    expect(Object.values(ROUTES).every((pattern) => pattern.startsWith('/:region/'))).toBe(true);
  });
});

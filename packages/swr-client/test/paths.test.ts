import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationNames, operations } from '../src/contract/operations';
import {
  buildPath,
  matchOperation,
  repositoryFromPath,
  repositoryToPath,
} from '../src/contract/paths';
import { paramArbs } from './support/arbitraries';

const R = '/v2/manage/namespaces/demo/repos/web$app';

function paramsArb(path: string): fc.Arbitrary<Record<string, string | number>> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const model: Record<string, fc.Arbitrary<string | number>> = {};
  for (const name of names) {
    const arb = paramArbs[name];
    if (arb === undefined) throw new Error(`no generator for path parameter ${name}`);
    model[name] = arb;
  }
  return fc.record(model);
}

const stringified = (params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));

describe('buildPath and matchOperation', () => {
  it.each(operationNames)('%s round-trips generated valid params', (name) => {
    const op = operations[name];
    fc.assert(
      fc.property(paramsArb(op.path), (params) => {
        expect(op.params.safeParse(params).success).toBe(true);
        const path = buildPath(op.path, params);
        const segments = path.split('/');
        for (const [key, value] of Object.entries(params)) {
          const text = key === 'repository' ? String(value).replaceAll('/', '$') : String(value);
          expect(segments).toContain(text);
        }
        expect(matchOperation(op.method, path)).toEqual({
          ok: true,
          name,
          params: stringified(params),
        });
        const trailing = path === '/' ? path : `${path}/`;
        expect(matchOperation(op.method, trailing)).toEqual({
          ok: true,
          name,
          params: stringified(params),
        });
      }),
      { numRuns: 60 },
    );
  });

  it('sends a repository with its / as $, and takes both $ and %24 back', () => {
    const path = buildPath(operations.listRepositoryTags.path, {
      namespace: 'demo',
      repository: 'team/web/app',
    });
    expect(path).toBe('/v2/manage/namespaces/demo/repos/team$web$app/tags');
    const params = { namespace: 'demo', repository: 'team/web/app' };
    expect(matchOperation('GET', path)).toEqual({ ok: true, name: 'listRepositoryTags', params });
    expect(matchOperation('GET', '/v2/manage/namespaces/demo/repos/team%24web%24app/tags')).toEqual(
      { ok: true, name: 'listRepositoryTags', params },
    );
  });

  it('uses the / → $ mapping both ways', () => {
    expect(repositoryToPath('a/b/c')).toBe('a$b$c');
    expect(repositoryFromPath('a$b$c')).toBe('a/b/c');
    expect(repositoryToPath('plain')).toBe('plain');
  });

  it('fills numbers and throws on a missing parameter', () => {
    expect(
      buildPath(operations.showRetention.path, {
        namespace: 'demo',
        repository: 'app',
        retention_id: 7,
      }),
    ).toBe('/v2/manage/namespaces/demo/repos/app/retentions/7');
    expect(() => buildPath(operations.showNamespace.path, {})).toThrow(/namespace/);
  });

  it('percent-encodes what a path segment cannot hold', () => {
    const path = buildPath('/x/{tag}', { tag: 'a b/c?d' });
    expect(path).toBe('/x/a%20b%2Fc%3Fd');
  });

  it('matches the root and the API version paths', () => {
    expect(matchOperation('GET', '/')).toEqual({ ok: true, name: 'listApiVersions', params: {} });
    expect(matchOperation('GET', '/v2')).toEqual({
      ok: true,
      name: 'showApiVersion',
      params: { api_version: 'v2' },
    });
  });

  it('treats the method case-insensitively', () => {
    expect(matchOperation('get', '/v2/manage/namespaces')).toMatchObject({
      ok: true,
      name: 'listNamespaces',
    });
  });
});

describe('retentions/histories against retentions/{retention_id}', () => {
  it('routes GET histories to listRetentionHistories, not showRetention', () => {
    expect(matchOperation('GET', `${R}/retentions/histories`)).toEqual({
      ok: true,
      name: 'listRetentionHistories',
      params: { namespace: 'demo', repository: 'web/app' },
    });
    expect(matchOperation('GET', `${R}/retentions/histories/`)).toMatchObject({
      ok: true,
      name: 'listRetentionHistories',
    });
  });

  it('still routes a numeric id to the retention operations', () => {
    const params = { namespace: 'demo', repository: 'web/app', retention_id: '12' };
    expect(matchOperation('GET', `${R}/retentions/12`)).toEqual({
      ok: true,
      name: 'showRetention',
      params,
    });
    expect(matchOperation('DELETE', `${R}/retentions/12`)).toEqual({
      ok: true,
      name: 'deleteRetention',
      params,
    });
    expect(matchOperation('PATCH', `${R}/retentions/12`)).toEqual({
      ok: true,
      name: 'updateRetention',
      params,
    });
  });

  it.each(['DELETE', 'PATCH', 'POST'])(
    'does not treat "histories" as a retention id for %s',
    (method) => {
      expect(matchOperation(method, `${R}/retentions/histories`)).toEqual({
        ok: false,
        reason: 'method-not-allowed',
      });
    },
  );
});

describe('matchOperation refusals', () => {
  it.each([
    '/v2/manage/nope',
    '/v2/manage/namespaces/demo/unknown',
    `${R}/unknown`,
    `${R}/tags/v1/extra`,
    '/v2/manage/namespaces//repos',
    '/v3/manage/namespaces',
    '/v2/manage/repositories/demo/app/access-domains',
  ])('answers not-found for %s', (path) => {
    expect(matchOperation('GET', path)).toEqual({ ok: false, reason: 'not-found' });
  });

  it.each([
    ['PUT', '/v2/manage/namespaces'],
    ['DELETE', '/v2/manage/namespaces'],
    ['POST', '/v2/manage/repos'],
    ['GET', '/v2/manage/utils/secret'],
    ['POST', `${R}/tags`],
    ['HEAD', '/'],
    ['PUT', `${R}/retentions/3`],
  ])('answers method-not-allowed for %s %s', (method, path) => {
    expect(matchOperation(method, path)).toEqual({ ok: false, reason: 'method-not-allowed' });
  });

  it.each([
    '/v2/manage/namespaces/%zz',
    '/v2/manage/namespaces/demo%',
    '/v2/manage/namespaces/%E0%A4%A',
    `${R}/tags/%C3%28`,
  ])('answers bad-encoding for %s', (path) => {
    expect(matchOperation('GET', path)).toEqual({ ok: false, reason: 'bad-encoding' });
  });
});

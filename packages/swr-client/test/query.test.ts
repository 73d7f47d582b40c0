import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationNames, operations, type OperationName } from '../src/contract/operations';
import { encodeQuery, formatFilter, mergeQuery, parseFilter } from '../src/contract/query';

describe('parseFilter', () => {
  it('reads key::value pairs joined by |', () => {
    expect(parseFilter('namespace::demo|name::nginx|limit::10')).toEqual({
      ok: true,
      entries: new Map([
        ['namespace', 'demo'],
        ['name', 'nginx'],
        ['limit', '10'],
      ]),
    });
  });

  it('reads the empty filter as no entries', () => {
    expect(parseFilter('')).toEqual({ ok: true, entries: new Map() });
  });

  it('splits each part on the first ::, keeping empty and ::-holding values', () => {
    expect(parseFilter('tag::|name::a::b')).toEqual({
      ok: true,
      entries: new Map([
        ['tag', ''],
        ['name', 'a::b'],
      ]),
    });
  });

  it.each([
    ['limit', 'no ::'],
    ['::10', 'an empty key'],
    ['limit:10', 'a single colon'],
    ['limit::10|', 'an empty part at the end'],
    ['|limit::10', 'an empty part at the start'],
    ['limit::10||offset::0', 'an empty part inside'],
  ])('refuses %j (%s)', (filter) => {
    expect(parseFilter(filter)).toMatchObject({ ok: false, problem: { kind: 'bad-filter' } });
  });

  it('refuses a repeated key', () => {
    expect(parseFilter('limit::10|limit::20')).toEqual({
      ok: false,
      problem: { kind: 'repeated', key: 'limit' },
    });
  });
});

describe('formatFilter', () => {
  it('writes entries in their order', () => {
    expect(
      formatFilter([
        ['limit', '10'],
        ['offset', '0'],
      ]),
    ).toBe('limit::10|offset::0');
    expect(formatFilter([])).toBe('');
  });

  it('refuses a value holding |', () => {
    expect(() => formatFilter([['name', 'a|b']])).toThrow(/\|/);
  });

  it('round-trips through parseFilter', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcdefgh_'.split('')), minLength: 1 });
    const value = fc.string({ unit: fc.constantFrom(...'ab:9 %&=-_./'.split('')) });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k }), (entries) => {
        const parsed = parseFilter(formatFilter(entries));
        expect(parsed).toEqual({ ok: true, entries: new Map(entries) });
      }),
    );
  });
});

describe('mergeQuery', () => {
  const repos = operations.listReposDetails;

  it('merges plain parameters and the filter', () => {
    expect(
      mergeQuery(repos, [
        ['namespace', 'demo'],
        ['filter', 'limit::10|offset::0|order_column::name|order_type::asc'],
      ]),
    ).toEqual({
      ok: true,
      query: {
        namespace: 'demo',
        limit: '10',
        offset: '0',
        order_column: 'name',
        order_type: 'asc',
      },
    });
  });

  it('takes plain parameters alone, and the filter alone', () => {
    expect(
      mergeQuery(operations.listRepositoryTags, [
        ['limit', '10'],
        ['offset', '0'],
      ]),
    ).toEqual({ ok: true, query: { limit: '10', offset: '0' } });
    expect(mergeQuery(operations.showSyncJob, [['filter', 'limit::10|offset::0']])).toEqual({
      ok: true,
      query: { limit: '10', offset: '0' },
    });
    expect(mergeQuery(repos, [])).toEqual({ ok: true, query: {} });
  });

  it('merges into something the query schema parses', () => {
    const merged = mergeQuery(repos, [
      ['filter', 'namespace::demo|is_public::true'],
      ['limit', '10'],
      ['offset', '20'],
    ]);
    if (!merged.ok) throw new Error('expected a merged query');
    expect(repos.query.parse(merged.query)).toEqual({
      namespace: 'demo',
      is_public: true,
      limit: 10,
      offset: 20,
    });
  });

  it('refuses a repeated plain key', () => {
    expect(
      mergeQuery(repos, [
        ['limit', '10'],
        ['limit', '20'],
      ]),
    ).toEqual({ ok: false, problem: { kind: 'repeated', key: 'limit' } });
  });

  it('refuses two filter parameters', () => {
    expect(
      mergeQuery(repos, [
        ['filter', 'limit::10|offset::0'],
        ['filter', 'name::a'],
      ]),
    ).toEqual({ ok: false, problem: { kind: 'repeated', key: 'filter' } });
  });

  it('refuses a key repeated inside the filter as a malformed filter', () => {
    expect(mergeQuery(repos, [['filter', 'name::a|name::b']])).toEqual({
      ok: false,
      problem: { kind: 'bad-filter', message: '"name" is repeated in the filter' },
    });
  });

  it('refuses an unknown plain key', () => {
    expect(mergeQuery(repos, [['center', 'self']])).toEqual({
      ok: false,
      problem: { kind: 'unknown', key: 'center' },
    });
  });

  it('refuses a filter key the operation cannot filter on', () => {
    expect(mergeQuery(repos, [['filter', 'center::self']])).toMatchObject({
      ok: false,
      problem: { kind: 'bad-filter' },
    });
  });

  it('refuses a malformed filter', () => {
    expect(mergeQuery(repos, [['filter', 'limit=10']])).toMatchObject({
      ok: false,
      problem: { kind: 'bad-filter' },
    });
  });

  it('refuses a key given both ways with different values, in either order', () => {
    const conflict = { ok: false, problem: { kind: 'bad-filter' } };
    expect(
      mergeQuery(repos, [
        ['limit', '10'],
        ['filter', 'limit::20|offset::0'],
      ]),
    ).toMatchObject(conflict);
    expect(
      mergeQuery(repos, [
        ['filter', 'limit::20|offset::0'],
        ['limit', '10'],
      ]),
    ).toMatchObject(conflict);
  });

  it('accepts a key given both ways with the same value', () => {
    expect(
      mergeQuery(repos, [
        ['filter', 'namespace::demo|limit::10'],
        ['namespace', 'demo'],
        ['offset', '0'],
      ]),
    ).toEqual({ ok: true, query: { namespace: 'demo', limit: '10', offset: '0' } });
  });

  const noFilter = operationNames.filter((name) => operations[name].filterKeys.length === 0);
  it.each(noFilter)('treats filter as an unknown key for %s', (name) => {
    expect(mergeQuery(operations[name], [['filter', 'limit::10']])).toEqual({
      ok: false,
      problem: { kind: 'unknown', key: 'filter' },
    });
  });

  it('treats plain filter keys and packed ones alike for every filtering operation', () => {
    for (const name of operationNames) {
      const op = operations[name];
      for (const key of op.filterKeys) {
        const plain = mergeQuery(op, [[key, 'v']]);
        const packed = mergeQuery(op, [['filter', `${key}::v`]]);
        expect(packed, `${name} ${key}`).toEqual(plain);
        expect(plain).toEqual({ ok: true, query: { [key]: 'v' } });
      }
    }
  });
});

describe('encodeQuery', () => {
  it('packs listReposDetails into one filter, in the contract key order', () => {
    expect(
      encodeQuery(operations.listReposDetails, {
        order_type: 'desc',
        order_column: 'updated_at',
        offset: 0,
        limit: 10,
        is_public: true,
        name: 'nginx',
        namespace: 'demo',
      }),
    ).toEqual([
      [
        'filter',
        'namespace::demo|name::nginx|is_public::true|limit::10|offset::0|order_column::updated_at|order_type::desc',
      ],
    ]);
  });

  it('packs showSyncJob and listRetentionHistories as TF pages them', () => {
    expect(encodeQuery(operations.showSyncJob, { offset: '30', limit: '10' })).toEqual([
      ['filter', 'limit::10|offset::30'],
    ]);
    expect(encodeQuery(operations.listRetentionHistories, { limit: 10, offset: 0 })).toEqual([
      ['filter', 'limit::10|offset::0'],
    ]);
  });

  it('keeps listRepositoryTags plain, in the caller order', () => {
    expect(
      encodeQuery(operations.listRepositoryTags, {
        limit: 10,
        offset: '0',
        order_column: 'updated_at',
        order_type: 'desc',
        tag: 'v1',
      }),
    ).toEqual([
      ['limit', '10'],
      ['offset', '0'],
      ['order_column', 'updated_at'],
      ['order_type', 'desc'],
      ['tag', 'v1'],
    ]);
  });

  it('keeps createSecret plain', () => {
    expect(encodeQuery(operations.createSecret, { projectname: 'cn-north-4' })).toEqual([
      ['projectname', 'cn-north-4'],
    ]);
  });

  it('drops undefined values and sends no empty filter', () => {
    expect(encodeQuery(operations.listReposDetails, { namespace: undefined })).toEqual([]);
    expect(encodeQuery(operations.listReposDetails, undefined)).toEqual([]);
    expect(encodeQuery(operations.listRepositoryTags, { tag: undefined })).toEqual([]);
  });

  it('leaves keys outside filterKeys plain for a filter-style operation', () => {
    expect(
      encodeQuery(
        { filterKeys: ['limit', 'offset'], queryStyle: 'filter' },
        {
          offset: 0,
          extra: 'x',
          limit: 5,
        },
      ),
    ).toEqual([
      ['extra', 'x'],
      ['filter', 'limit::5|offset::0'],
    ]);
  });

  it('refuses a filter value holding |', () => {
    expect(() => encodeQuery(operations.listReposDetails, { name: 'a|b' })).toThrow();
  });

  it('sends what mergeQuery reads back to the same query', () => {
    const query = { namespace: 'demo', name: 'web', limit: 10, offset: 20 };
    const op = operations.listReposDetails;
    const merged = mergeQuery(op, encodeQuery(op, query));
    if (!merged.ok) throw new Error('expected a merged query');
    expect(op.query.parse(merged.query)).toEqual(query);
  });
});

describe('paging and sorting in the query schemas (docs/swr-api.md, Paging)', () => {
  const base: Partial<Record<OperationName, Record<string, unknown>>> = {
    listSharedReposDetails: { center: 'self' },
  };
  const paged = operationNames.filter((name) => {
    const keys = Object.keys(operations[name].query.shape);
    return keys.includes('limit') && keys.includes('offset');
  });
  const sorted = operationNames.filter((name) =>
    Object.keys(operations[name].query.shape).includes('order_column'),
  );
  const accepts = (name: OperationName, query: Record<string, unknown>) =>
    operations[name].query.safeParse({ ...base[name], ...query }).success;

  it('finds the paged and the sorted lists', () => {
    expect([...paged].sort()).toEqual(
      [
        'listReposDetails',
        'listRepositoryTags',
        'listSharedReposDetails',
        'showSyncJob',
        'listRetentionHistories',
      ].sort(),
    );
    expect([...sorted].sort()).toEqual(
      ['listReposDetails', 'listRepositoryTags', 'listSharedReposDetails'].sort(),
    );
  });

  it.each(paged)('%s: limit and offset go together', (name) => {
    expect(accepts(name, { limit: 10, offset: 0 })).toBe(true);
    expect(accepts(name, { limit: 10 })).toBe(false);
    expect(accepts(name, { offset: 0 })).toBe(false);
  });

  it.each(sorted)('%s: order_column and order_type go together', (name) => {
    const column = name === 'listRepositoryTags' ? 'tag' : 'name';
    expect(accepts(name, { order_column: column, order_type: 'asc' })).toBe(true);
    expect(accepts(name, { order_column: column })).toBe(false);
    expect(accepts(name, { order_type: 'asc' })).toBe(false);
    expect(accepts(name, { order_column: 'nope', order_type: 'asc' })).toBe(false);
    expect(accepts(name, { order_column: column, order_type: 'up' })).toBe(false);
  });

  it.each(paged)('%s: limit is 1–1000, as a number or a string', (name) => {
    for (const limit of [0, '0', 1001, '1001', -1, '-1', 1.5, '1.5', 'ten', '', '1e3']) {
      expect(accepts(name, { limit, offset: 0 }), String(limit)).toBe(false);
    }
    for (const limit of [1, '1', 1000, '1000']) {
      expect(accepts(name, { limit, offset: 0 }), String(limit)).toBe(true);
    }
  });

  it.each(paged)('%s: parses 10 and "10" alike to 10', (name) => {
    for (const limit of [10, '10']) {
      const parsed = operations[name].query.parse({ ...base[name], limit, offset: '30' });
      expect(parsed).toMatchObject({ limit: 10, offset: 30 });
    }
  });

  it.each(paged)('%s: offset is a non-negative integer', (name) => {
    expect(accepts(name, { limit: 10, offset: -1 })).toBe(false);
    expect(accepts(name, { limit: 10, offset: '-1' })).toBe(false);
    expect(accepts(name, { limit: 10, offset: 'x' })).toBe(false);
    expect(accepts(name, { limit: 10, offset: 2_147_483_647 })).toBe(true);
  });

  it('requires center on listSharedReposDetails and paging on showSyncJob', () => {
    expect(operations.listSharedReposDetails.query.safeParse({}).success).toBe(false);
    expect(operations.listSharedReposDetails.query.safeParse({ center: 'other' }).success).toBe(
      false,
    );
    expect(operations.showSyncJob.query.safeParse({}).success).toBe(false);
    expect(operations.showSyncJob.query.safeParse({ limit: 10, offset: 0 }).success).toBe(true);
  });

  it('parses is_public from a string or a boolean', () => {
    const query = operations.listReposDetails.query;
    expect(query.parse({ is_public: 'true' })).toEqual({ is_public: true });
    expect(query.parse({ is_public: false })).toEqual({ is_public: false });
    expect(query.safeParse({ is_public: 'yes' }).success).toBe(false);
  });
});

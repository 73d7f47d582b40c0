/** Global search's matching and ranking (src/fleet/search.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { best, matchRank, searchWords, type Ranked } from '../src/fleet/search';

const repositories = (names: [region: string, path: string][], words: string[]): Ranked<string>[] =>
  names.flatMap(([region, path]) => {
    const name = path.slice(path.indexOf('/') + 1);
    const rank = matchRank(words, name, path);
    return rank === undefined ? [] : [{ item: `${region} ${path}`, rank, region, path }];
  });

describe('global search', () => {
  it('splits the text into lowercase words; blank text has none', () => {
    expect(searchWords('  Pay\tLEDGER  svc ')).toEqual(['pay', 'ledger', 'svc']);
    expect(searchWords(' \n ')).toEqual([]);
  });

  it('matches only when every word occurs in the path, case ignored', () => {
    expect(matchRank(['pay', 'led'], 'ledger', 'payments/ledger')).toBeDefined();
    expect(matchRank(['pay', 'xyz'], 'ledger', 'payments/ledger')).toBeUndefined();
    expect(matchRank(['ledger'], 'Ledger-Service', 'Payments/Ledger-Service')).toBeDefined();
  });

  it('ranks the whole name, then its start, then the start of a part, then anywhere', () => {
    const ranked = best(
      repositories(
        [
          ['r', 'team/my-api-gateway'],
          ['r', 'team/apis'],
          ['r', 'team/api'],
          ['r', 'team/rapid'],
          ['r', 'api-team/web'],
        ],
        ['api'],
      ),
      'r',
      10,
    );
    // `api-team/web` matches at the start of its organization, a part of the path.
    expect(ranked).toEqual([
      'r team/api',
      'r team/apis',
      'r api-team/web',
      'r team/my-api-gateway',
      'r team/rapid',
    ]);
  });

  it('puts the region in view first among equals, then shorter paths, then byte order', () => {
    const names: [string, string][] = [
      ['eu', 'b/ledger'],
      ['cn', 'b/ledger'],
      ['cn', 'a/ledger'],
      ['eu', 'ab/ledger'],
    ];
    expect(best(repositories(names, ['ledger']), 'eu', 10)).toEqual([
      'eu b/ledger',
      'eu ab/ledger',
      'cn a/ledger',
      'cn b/ledger',
    ]);
    expect(best(repositories(names, ['ledger']), 'eu', 2)).toHaveLength(2);
  });

  it('never answers more than the limit, and never a worse match before a better one', () => {
    const word = fc.stringMatching(/^[a-c]{1,2}$/);
    const path = fc
      .tuple(fc.stringMatching(/^[a-c-]{1,4}$/), fc.stringMatching(/^[a-c._-]{1,5}$/))
      .map(([namespace, name]) => `${namespace}/${name}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('cn', 'eu'), path), { maxLength: 30 }),
        fc.array(word, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 10 }),
        (names, words, limit) => {
          const matches = repositories(names, words);
          const ranks = new Map(matches.map((match) => [match.item, match.rank]));
          const answer = best([...matches], 'cn', limit);
          expect(answer.length).toBe(Math.min(limit, matches.length));
          const answered = answer.map((item) => ranks.get(item) ?? Infinity);
          expect([...answered].sort((a, b) => a - b)).toEqual(answered);
          const left = matches.filter((match) => !answer.includes(match.item));
          for (const match of left) expect(match.rank).toBeGreaterThanOrEqual(answered.at(-1) ?? 0);
        },
      ),
    );
  });
});

import { namespaceName } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { namespaceNameProblem } from './name-problem';

describe('namespaceNameProblem', () => {
  it.each([
    ['team-a', undefined],
    ['a__b.c-d', undefined],
    ['', undefined],
    ['library', { kind: 'reserved' }],
    ['a'.repeat(65), { kind: 'tooLong', length: 65 }],
    ['Bad_Name', { kind: 'uppercase', character: 'B' }],
    ['team a', { kind: 'character', character: ' ' }],
    ['团队', { kind: 'character', character: '团' }],
    ['1team', { kind: 'start' }],
    ['_team', { kind: 'start' }],
    ['team-', { kind: 'end' }],
    ['team..a', { kind: 'separators', separators: '..' }],
    ['team___a', { kind: 'separators', separators: '___' }],
    ['team-_a', { kind: 'separators', separators: '-_' }],
  ])('%j → %j', (name, problem) => {
    expect(namespaceNameProblem(name)).toEqual(problem);
  });

  it('explains exactly the names the contract refuses', () => {
    const samples = ['ok', 'a.b', 'a__b', 'A', 'a b', '9', 'a-', 'a..b', 'a___b', 'x'.repeat(64)];
    for (const name of samples) {
      const valid = namespaceName.safeParse(name).success;
      expect(namespaceNameProblem(name) === undefined, name).toBe(valid);
    }
  });
});

/** Which tags need an explicit acknowledgement before they are deleted, and why. */
import { describe, expect, it } from 'vitest';
import { tagRisks } from './risks';

const trigger = (
  name: string,
  type: 'all' | 'tag' | 'regular',
  condition: string,
  enable = 'true',
) => ({
  name,
  enable: enable as 'true' | 'false',
  trigger_type: type,
  condition,
});

describe('tagRisks', () => {
  it('names latest, and every enabled trigger that matches a tag', () => {
    const risks = tagRisks(
      ['latest', 'v1.2.3', 'nightly', 'stable'],
      [
        trigger('deploy-prod', 'regular', '^v\\d+\\.\\d+\\.\\d+$'),
        trigger('roll-stable', 'tag', 'stable;latest'),
        trigger('old', 'all', '.*', 'false'),
      ],
    );
    expect(Object.fromEntries(risks)).toEqual({
      latest: [{ kind: 'latest' }, { kind: 'trigger', trigger: 'roll-stable' }],
      'v1.2.3': [{ kind: 'trigger', trigger: 'deploy-prod' }],
      stable: [{ kind: 'trigger', trigger: 'roll-stable' }],
    });
  });

  it('leaves tags no enabled trigger matches', () => {
    expect(tagRisks(['v1'], [trigger('all', 'all', '.*', 'false')]).size).toBe(0);
  });
});

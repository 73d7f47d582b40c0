/** Which tags need an explicit acknowledgement before they are deleted, and why. */
import { describe, expect, it } from 'vitest';
import { syncSources, tagRisks } from './risks';

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

  it('names the newest tag the copy each syncing repository sends here, and no other tag', () => {
    const copies = {
      from: ['ap-southeast-1/payments/gateway', 'cn-east-3/payments/gateway'],
      newest: 'v2',
    };
    expect(Object.fromEntries(tagRisks(['v1', 'v2', 'latest'], [], copies))).toEqual({
      v2: [
        { kind: 'syncedCopy', from: 'ap-southeast-1/payments/gateway' },
        { kind: 'syncedCopy', from: 'cn-east-3/payments/gateway' },
      ],
      latest: [{ kind: 'latest' }],
    });
  });

  it('names no synced copy when nobody syncs here or the newest tag is not known', () => {
    expect(tagRisks(['v2'], [], { from: [], newest: 'v2' }).size).toBe(0);
    expect(
      tagRisks(['v2'], [], { from: ['cn-east-3/payments/gateway'], newest: undefined }).size,
    ).toBe(0);
  });
});

describe('syncSources', () => {
  const repository = (
    region: string,
    namespace: string,
    name: string,
    targets: { region: string; namespace: string }[],
  ) => ({
    region,
    namespace,
    name,
    syncTargets: targets.map((target) => ({ ...target, override: false })),
  });
  const here = { region: 'cn-north-4', namespace: 'payments', repository: 'gateway' };

  it('is every repository of another region whose automatic sync copies into this one', () => {
    expect(
      syncSources(
        [
          repository('cn-east-3', 'payments', 'gateway', [
            { region: 'cn-north-4', namespace: 'payments' },
          ]),
          // Another organization of its region, into this organization: the same name arrives here.
          repository('ap-southeast-1', 'pay-apac', 'gateway', [
            { region: 'ap-southeast-1', namespace: 'x' },
            { region: 'cn-north-4', namespace: 'payments' },
          ]),
          // Into another organization of this region, or another region.
          repository('cn-east-3', 'billing', 'gateway', [
            { region: 'cn-north-4', namespace: 'billing' },
            { region: 'cn-south-1', namespace: 'payments' },
          ]),
          // Another repository's name.
          repository('cn-east-3', 'payments', 'ledger', [
            { region: 'cn-north-4', namespace: 'payments' },
          ]),
          // This repository itself, and others of this region.
          repository('cn-north-4', 'payments', 'gateway', [
            { region: 'cn-east-3', namespace: 'payments' },
          ]),
          repository('cn-north-4', 'mirror', 'gateway', [
            { region: 'cn-north-4', namespace: 'payments' },
          ]),
        ],
        here,
      ),
    ).toEqual(['ap-southeast-1/pay-apac/gateway', 'cn-east-3/payments/gateway']);
  });
});

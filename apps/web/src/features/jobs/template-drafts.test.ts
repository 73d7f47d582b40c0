/** The forms of the templates and changes: the spec each draft describes, or what is wrong. */
import { describe, expect, it } from 'vitest';
import {
  nameList,
  newSelector,
  retentionDraft,
  retentionSpecOf,
  shareDraft,
  shareSpecOf,
  switchSpecOf,
  syncSpecOf,
  triggerDraft,
  triggerSpecOf,
} from './template-drafts';

const REGION = 'cn-north-4';
const NOW = Date.parse('2026-03-10T12:00:00Z');
const REPOSITORIES = ['payments/gateway', 'platform/base/alpine'];
const REFS = [
  { namespace: 'payments', repository: 'gateway' },
  { namespace: 'platform', repository: 'base/alpine' },
];

describe('nameList', () => {
  it('splits on spaces, commas, semicolons and lines, each name once', () => {
    expect(nameList(' acme, beta;acme\n gamma ')).toEqual(['acme', 'beta', 'gamma']);
    expect(nameList('  ')).toEqual([]);
  });
});

describe('retentionSpecOf', () => {
  it('makes the policy of one rule, its number as SWR takes it', () => {
    const draft = { ...retentionDraft(), amount: ' 007 ' };
    expect(retentionSpecOf(REGION, REPOSITORIES, draft)).toEqual({
      ok: true,
      spec: {
        kind: 'retention-template',
        region: REGION,
        repositories: REFS,
        policy: {
          algorithm: 'or',
          rules: [
            {
              template: 'tag_rule',
              params: { num: '7' },
              tag_selectors: [{ kind: 'label', pattern: 'latest' }],
            },
          ],
        },
      },
    });
  });

  it('names each field that is wrong', () => {
    const bad = newSelector('regexp', '(');
    const empty = newSelector('label', '');
    const result = retentionSpecOf(REGION, [], {
      template: 'date_rule',
      amount: '366',
      selectors: [bad, empty],
    });
    expect(result).toEqual({
      ok: false,
      problems: {
        repositories: 'noRepositories',
        amount: 'amount',
        [`selector-${String(bad.key)}`]: 'patternInvalid',
        [`selector-${String(empty.key)}`]: 'required',
      },
    });
    expect(
      retentionSpecOf(REGION, REPOSITORIES, { ...retentionDraft(), amount: '' }),
    ).toMatchObject({ ok: false, problems: { amount: 'required' } });
  });
});

describe('syncSpecOf', () => {
  const draft = {
    remoteRegionId: 'cn-east-3',
    remoteNamespace: '',
    syncAuto: true,
    override: false,
  };

  it("leaves the organization out for each repository's own", () => {
    expect(syncSpecOf(REGION, REPOSITORIES, draft)).toMatchObject({
      ok: true,
      spec: { target: { remoteRegionId: 'cn-east-3', syncAuto: true, override: false } },
    });
    const result = syncSpecOf(REGION, REPOSITORIES, draft);
    expect(result.ok && 'remoteNamespace' in result.spec.target).toBe(false);
  });

  it('checks the organization and wants a region', () => {
    expect(
      syncSpecOf(REGION, REPOSITORIES, { ...draft, remoteRegionId: '', remoteNamespace: 'Bad!' }),
    ).toEqual({
      ok: false,
      problems: { remoteRegionId: 'required', remoteNamespace: 'organization' },
    });
  });
});

describe('triggerSpecOf', () => {
  const filled = { ...triggerDraft(), name: 'deploy', clusterId: 'c-1', clusterName: 'prod' };

  it('makes the trigger, `{repository}` kept for the BFF to fill in', () => {
    expect(triggerSpecOf(REGION, REPOSITORIES, filled)).toEqual({
      ok: true,
      spec: {
        kind: 'trigger-template',
        region: REGION,
        repositories: REFS,
        trigger: {
          name: 'deploy',
          trigger_type: 'all',
          condition: '.*',
          trigger_mode: 'cce',
          cluster_id: 'c-1',
          cluster_name: 'prod',
          cluster_ns: 'default',
          app_type: 'deployments',
          application: '{repository}',
          enable: true,
        },
      },
    });
  });

  it('needs no cluster for CCI', () => {
    const result = triggerSpecOf(REGION, REPOSITORIES, {
      ...filled,
      mode: 'cci',
      clusterId: '',
      clusterName: '',
    });
    expect(result.ok && 'cluster_id' in result.spec.trigger).toBe(false);
  });

  it('names each field that is wrong', () => {
    expect(
      triggerSpecOf(REGION, REPOSITORIES, {
        ...triggerDraft(),
        name: '1st',
        clusterNs: 'Apps',
        application: 'svc_{repository}',
        container: '-x',
        type: 'regular',
        pattern: '(',
      }),
    ).toEqual({
      ok: false,
      problems: {
        name: 'triggerName',
        clusterId: 'required',
        clusterName: 'required',
        clusterNs: 'kubernetesName',
        application: 'application',
        container: 'kubernetesName',
        condition: 'conditionRegex',
      },
    });
    expect(triggerSpecOf(REGION, REPOSITORIES, { ...filled, type: 'tag' })).toEqual({
      ok: false,
      problems: { condition: 'required' },
    });
  });
});

describe('shareSpecOf', () => {
  it('extends to the start of a UTC day after today, or forever', () => {
    expect(
      shareSpecOf(REGION, REPOSITORIES, { ...shareDraft(), date: '2026-03-11' }, NOW),
    ).toMatchObject({
      ok: true,
      spec: { change: { action: 'extend', deadline: '2026-03-11T00:00:00Z' } },
    });
    expect(shareSpecOf(REGION, REPOSITORIES, { ...shareDraft(), date: '2026-03-10' }, NOW)).toEqual(
      { ok: false, problems: { date: 'datePast' } },
    );
    expect(
      shareSpecOf(REGION, REPOSITORIES, { ...shareDraft(), term: 'forever' }, NOW),
    ).toMatchObject({ ok: true, spec: { change: { action: 'extend', deadline: 'forever' } } });
  });

  it('revokes, only with the accounts named and ending before a day', () => {
    expect(
      shareSpecOf(
        REGION,
        REPOSITORIES,
        { ...shareDraft(), action: 'revoke', accounts: 'acme beta', endingBefore: '2026-04-01' },
        NOW,
      ),
    ).toEqual({
      ok: true,
      spec: {
        kind: 'share-change',
        region: REGION,
        repositories: REFS,
        accounts: ['acme', 'beta'],
        endingBefore: '2026-04-01T00:00:00Z',
        change: { action: 'revoke' },
      },
    });
    expect(
      shareSpecOf(
        REGION,
        REPOSITORIES,
        { ...shareDraft(), action: 'revoke', accounts: '1acme' },
        NOW,
      ),
    ).toEqual({ ok: false, problems: { accounts: 'accounts' } });
  });
});

describe('switchSpecOf', () => {
  it('switches every trigger, or those named (at most 100)', () => {
    expect(switchSpecOf(REGION, REPOSITORIES, { enable: true, triggers: '' })).toEqual({
      ok: true,
      spec: { kind: 'trigger-switch', region: REGION, repositories: REFS, enable: true },
    });
    const many = Array.from({ length: 101 }, (_, index) => `t${String(index)}`).join(' ');
    expect(switchSpecOf(REGION, REPOSITORIES, { enable: false, triggers: many })).toEqual({
      ok: false,
      problems: { triggers: 'tooManyNames' },
    });
  });
});

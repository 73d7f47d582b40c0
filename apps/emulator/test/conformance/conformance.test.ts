/**
 * Conformance: every one of SWR's 44 operations, on its success and its error paths, through the
 * official SDK (`@huaweicloud/huaweicloud-sdk-swr`) and through our client, against the emulator.
 *
 * - Scenarios (./areas) run once per client, each against a fresh emulator with the same business
 *   clock; both runs must pass the scenario's expectations and observe the same answers.
 * - Refusals (./refusals) are invalid input the SDK sends as given: the emulator must answer with
 *   SWR's code, and our client must refuse the same input before sending.
 * - The last test checks that each client exercised every operation on both paths.
 */
import * as S from '@huaweicloud/huaweicloud-sdk-swr';
import { operationNames, SwrError, type OperationName } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { organizations } from './areas/organizations';
import { namespacePermissions, repositoryPermissions } from './areas/permissions';
import { repositories } from './areas/repositories';
import { retention } from './areas/retention';
import { secret } from './areas/secret';
import { sharing } from './areas/sharing';
import { sync } from './areas/sync';
import { triggers } from './areas/triggers';
import { versions } from './areas/versions';
import { coverageTable, unexercised } from './coverage';
import { expectSwrError, MAIN, runBoth, sideFor, type Area, type Side } from './harness';
import { REFUSALS } from './refusals';
import { createSdkClient, type LooseInput } from './sdk';

const AREAS: Area[] = [
  organizations,
  repositories,
  secret,
  sharing,
  versions,
  namespacePermissions,
  repositoryPermissions,
  sync,
  triggers,
  retention,
];

for (const area of AREAS) {
  describe(area.name, () => {
    for (const scenario of area.scenarios) {
      it(scenario.name, () => runBoth(scenario.run));
    }
  });
}

/** Refusals are judged on the field alone; no state is needed, so one emulator serves them all. */
describe('input the SDK sends as given and our client refuses', () => {
  let fixture: TestEmulator;
  let sdk: Side;
  let ours: Side;
  beforeAll(async () => {
    fixture = await startTestEmulator();
    sdk = sideFor('sdk', fixture);
    ours = sideFor('ours', fixture);
  });
  afterAll(() => fixture.close());

  const call = (side: Side, name: OperationName, input: LooseInput) =>
    side.call(name, input as never);

  for (const refusal of REFUSALS) {
    it(`${refusal.name}: ${refusal.why}`, async () => {
      const refused = await call(ours, refusal.name, refusal.input).then(
        (outcome) => outcome,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(SwrError);
      expect(refused).toMatchObject({ kind: 'invalid-request', operation: refusal.name });
      expect((refused as SwrError).issues.map((issue) => issue.path)).toContain(refusal.issue);
      expectSwrError(await call(sdk, refusal.name, refusal.input), refusal.error);
    });
  }

  it('required parameters are refused before sending by both clients', async () => {
    const sdkClient = createSdkClient(fixture.url(MAIN), fixture.credentials(MAIN), 'strict');
    const repo = { namespace: 'shop', repository: 'web/app' };
    const cases: [OperationName, () => unknown, LooseInput, string][] = [
      [
        'showSyncJob',
        () =>
          sdkClient.showSyncJob(
            new S.ShowSyncJobRequest().withNamespace('shop').withRepository('web$app'),
          ),
        { params: repo },
        'query.limit',
      ],
      [
        'listSharedReposDetails',
        () => sdkClient.listSharedReposDetails(new S.ListSharedReposDetailsRequest()),
        {},
        'query.center',
      ],
      [
        'showNamespace',
        () => sdkClient.showNamespace(new S.ShowNamespaceRequest()),
        { params: {} },
        'params.namespace',
      ],
      [
        'createNamespace',
        () => sdkClient.createNamespace(new S.CreateNamespaceRequest()),
        {},
        'body',
      ],
    ];
    for (const [name, sdkCall, input, issue] of cases) {
      // The SDK throws synchronously, before any promise exists.
      expect(sdkCall, name).toThrow(S.RequiredError);
      const refused = await call(ours, name, input).then(
        (outcome) => outcome,
        (error: unknown) => error,
      );
      expect(refused, name).toMatchObject({ kind: 'invalid-request', operation: name });
      expect((refused as SwrError).issues.map((entry) => entry.path)).toContain(issue);
    }
  });
});

describe('coverage', () => {
  it('exercised all 44 operations on success and error paths through both clients', () => {
    expect(operationNames).toHaveLength(44);
    const missing = {
      sdkSuccess: unexercised('sdk', 'success'),
      sdkError: unexercised('sdk', 'error'),
      oursSuccess: unexercised('ours', 'success'),
      oursError: unexercised('ours', 'error'),
    };
    if (process.env.CONFORMANCE_TABLE === '1') console.log(coverageTable());
    expect(missing, `operation  sdk/ours (success, error)\n${coverageTable()}`).toEqual({
      sdkSuccess: [],
      sdkError: [],
      oursSuccess: [],
      oursError: [],
    });
  });
});

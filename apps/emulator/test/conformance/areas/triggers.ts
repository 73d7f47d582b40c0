/** Deploy triggers (operations 34–38). */
import { expect } from 'vitest';
import {
  at,
  clusterId,
  containing,
  createRepository,
  expectOk,
  expectSwrError,
  HOUR,
  MAIN,
  OPS_ADMIN,
  T0,
  type Area,
} from '../harness';

const REPO = { namespace: 'deploy', repository: 'api' };

const TO_PROD = {
  action: 'update',
  app_type: 'deployments',
  application: 'api',
  cluster_ns: 'default',
  condition: '.*',
  enable: 'true',
  name: 'to-prod',
  trigger_type: 'all',
  cluster_id: clusterId(MAIN, 'prod'),
} as const;

const TO_LEGACY = {
  ...TO_PROD,
  name: 'to-legacy',
  trigger_type: 'tag',
  condition: 'v1;v2',
  cluster_id: clusterId(MAIN, 'legacy'),
  container: 'app',
} as const;

const TO_CCI = {
  action: 'update',
  app_type: 'statefulsets',
  application: 'api-worker',
  cluster_ns: 'jobs',
  condition: '^release-',
  enable: 'true',
  name: 'to-cci',
  trigger_type: 'regular',
  trigger_mode: 'cci',
} as const;

export const triggers: Area = {
  name: 'triggers',
  scenarios: [
    {
      name: 'create, list, show, disable and delete triggers; pushes record their history',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        for (const body of [TO_PROD, TO_LEGACY, TO_CCI]) {
          expectOk(await side.call('createTrigger', { params: REPO, body }), 201);
        }
        const listed = expectOk(await side.call('listTriggersDetails', { params: REPO }), 200);
        expect(listed.map((trigger) => trigger.name)).toEqual(['to-cci', 'to-legacy', 'to-prod']);
        expect(listed[2]).toEqual({
          ...TO_PROD,
          cluster_name: `prod-${MAIN}`,
          container: '',
          created_at: T0,
          creator_name: OPS_ADMIN.name,
          trigger_history: [],
          trigger_mode: 'cce',
        });
        expect(listed[0]).toMatchObject({ cluster_id: '', cluster_name: '', trigger_mode: 'cci' });

        side.setTime(at(HOUR));
        const v1 = await side.push({ ...REPO, tag: 'v1' });
        expect(v1.triggers).toEqual([
          { name: 'to-legacy', result: 'failed' },
          { name: 'to-prod', result: 'success' },
        ]);
        const prod = expectOk(
          await side.call('showTrigger', { params: { ...REPO, trigger: 'to-prod' } }),
          200,
        );
        expect(prod.trigger_history).toEqual([
          {
            action: 'update',
            app_type: 'deployments',
            application: 'api',
            cluster_id: TO_PROD.cluster_id,
            cluster_name: `prod-${MAIN}`,
            cluster_ns: 'default',
            condition: '.*',
            container: '',
            created_at: at(HOUR),
            creator_name: OPS_ADMIN.name,
            detail: containing(`swr.${MAIN}.myhuaweicloud.com/deploy/api:v1`),
            result: 'success',
            tag: 'v1',
          },
        ]);
        const legacy = expectOk(
          await side.call('showTrigger', { params: { ...REPO, trigger: 'to-legacy' } }),
          200,
        );
        expect(legacy.trigger_history.map((entry) => [entry.tag, entry.result])).toEqual([
          ['v1', 'failed'],
        ]);

        expectOk(
          await side.call('updateTrigger', {
            params: { ...REPO, trigger: 'to-prod' },
            body: { enable: 'false' },
          }),
          201,
        );
        const disabled = expectOk(
          await side.call('showTrigger', { params: { ...REPO, trigger: 'to-prod' } }),
          200,
        );
        expect(disabled.enable).toBe('false');

        side.setTime(at(2 * HOUR));
        const v2 = await side.push({ ...REPO, tag: 'v2' });
        expect(v2.triggers).toEqual([{ name: 'to-legacy', result: 'failed' }]);
        const release = await side.push({ ...REPO, tag: 'release-7' });
        expect(release.triggers).toEqual([{ name: 'to-cci', result: 'success' }]);
        // Pushing an existing tag again fires nothing.
        const again = await side.push({ ...REPO, tag: 'v2' });
        expect(again).toMatchObject({ created: false, triggers: [] });

        const history = expectOk(await side.call('listTriggersDetails', { params: REPO }), 200);
        expect(
          history.map((trigger) => [
            trigger.name,
            trigger.trigger_history.map((entry) => `${entry.tag}:${entry.result}`),
          ]),
        ).toEqual([
          ['to-cci', ['release-7:success']],
          ['to-legacy', ['v2:failed', 'v1:failed']],
          ['to-prod', ['v1:success']],
        ]);

        expectOk(
          await side.call('deleteTrigger', { params: { ...REPO, trigger: 'to-legacy' } }),
          204,
        );
        const left = expectOk(await side.call('listTriggersDetails', { params: REPO }), 200);
        expect(left.map((trigger) => trigger.name)).toEqual(['to-cci', 'to-prod']);
      },
    },
    {
      name: 'a duplicate name or an unknown cluster is "Invalid param" (400), as is an unknown trigger',
      async run(side) {
        await createRepository(side, REPO.namespace, REPO.repository);
        expectOk(await side.call('createTrigger', { params: REPO, body: TO_PROD }), 201);
        expectSwrError(
          await side.call('createTrigger', { params: REPO, body: TO_PROD }),
          'invalidParam',
        );
        expectSwrError(
          await side.call('createTrigger', {
            params: REPO,
            body: { ...TO_PROD, name: 'elsewhere', cluster_id: 'no-such-cluster' },
          }),
          'invalidParam',
        );
        // A cluster of another region is unknown here.
        expectSwrError(
          await side.call('createTrigger', {
            params: REPO,
            body: { ...TO_PROD, name: 'east', cluster_id: clusterId('cn-east-3', 'prod') },
          }),
          'invalidParam',
        );
        const unknown = { ...REPO, trigger: 'nope' };
        expectSwrError(await side.call('showTrigger', { params: unknown }), 'invalidParam');
        expectSwrError(
          await side.call('updateTrigger', { params: unknown, body: { enable: 'true' } }),
          'invalidParam',
        );
        expectSwrError(await side.call('deleteTrigger', { params: unknown }), 'invalidParam');
        const listed = expectOk(await side.call('listTriggersDetails', { params: REPO }), 200);
        expect(listed.map((trigger) => trigger.name)).toEqual(['to-prod']);
      },
    },
    {
      name: 'triggers of a missing repository: 404',
      async run(side) {
        await createRepository(side, REPO.namespace, 'present');
        const missing = { namespace: REPO.namespace, repository: 'ghost' };
        expectSwrError(
          await side.call('createTrigger', { params: missing, body: TO_PROD }),
          'repositoryNotFound',
        );
        expectSwrError(
          await side.call('listTriggersDetails', { params: missing }),
          'repositoryNotFound',
        );
        const trigger = { ...missing, trigger: 'to-prod' };
        expectSwrError(await side.call('showTrigger', { params: trigger }), 'repositoryNotFound');
        expectSwrError(
          await side.call('updateTrigger', { params: trigger, body: { enable: 'false' } }),
          'repositoryNotFound',
        );
        expectSwrError(await side.call('deleteTrigger', { params: trigger }), 'repositoryNotFound');
      },
    },
  ],
};

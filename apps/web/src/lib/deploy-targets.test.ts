/**
 * The deploy targets' reads: each asks the BFF's directory for its region, cluster and namespace
 * (path parameters escaped), and a list's key holds the lists below it, region by region.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { directory } from '../../test/handlers';
import { server } from '../../test/server';
import { clustersQuery, deployTargetKeys, namespacesQuery, workloadsQuery } from './deploy-targets';

const REGION = 'cn-north-4';
const CLUSTER = '7a1e0c1f-5d2b-11ee-9c5b-0255ac100b05';

describe('deploy targets', () => {
  it("reads a region's clusters, a cluster's namespaces and a namespace's workloads", async () => {
    const asked: Record<string, string>[] = [];
    server.use(
      directory('clusters', ({ params }) => {
        asked.push(params);
        return {
          available: true,
          clusters: [{ id: CLUSTER, name: 'prod', phase: 'Available' }],
        };
      }),
      directory('namespaces', ({ params }) => {
        asked.push(params);
        return { available: true, namespaces: ['default', 'team a'] };
      }),
      directory('workloads', ({ params }) => {
        asked.push(params);
        return {
          available: false,
          reason: 'denied',
          workloads: [],
        };
      }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });

    await expect(client.query(clustersQuery(REGION))).resolves.toEqual({
      available: true,
      clusters: [{ id: CLUSTER, name: 'prod', phase: 'Available' }],
    });
    await expect(client.query(namespacesQuery(REGION, CLUSTER))).resolves.toEqual({
      available: true,
      namespaces: ['default', 'team a'],
    });
    await expect(client.query(workloadsQuery(REGION, CLUSTER, 'team a'))).resolves.toEqual({
      available: false,
      reason: 'denied',
      workloads: [],
    });
    expect(asked).toEqual([
      { region: REGION },
      { region: REGION, cluster: CLUSTER },
      { region: REGION, cluster: CLUSTER, namespace: 'team a' },
    ]);
  });

  it("keeps a cluster's namespaces and their workloads under the region's clusters", () => {
    const clusters = deployTargetKeys.clusters(REGION);
    const namespaces = deployTargetKeys.namespaces(REGION, CLUSTER);
    const workloads = deployTargetKeys.workloads(REGION, CLUSTER, 'default');
    expect(namespaces.slice(0, clusters.length)).toEqual(clusters);
    expect(workloads.slice(0, namespaces.length)).toEqual(namespaces);
    expect(clusters.slice(0, 1)).toEqual(['directory']);
    expect(deployTargetKeys.clusters('cn-east-3')).not.toEqual(clusters);
  });
});

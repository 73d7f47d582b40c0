/**
 * Every field of the contract that names a target is declared in its operation's `targets`, and
 * every declared field exists. The walk goes through each operation's params, query and body
 * schemas (nested objects and arrays included) and picks out naming fields two ways: by their
 * schema (an organization, region or account name) and by their key. A new operation, or a new
 * field on an old one, that names an organization, region, cluster or account and is not declared
 * fails here, before authorization could miss it.
 */
import { describe, expect, it } from 'vitest';
import type { DeployTargetFields, OperationTargets, TargetField } from '../src/contract/define';
import { operationNames, operations, type OperationName } from '../src/contract/operations';
import { fieldValue, targetsOf } from '../src/contract/targets';
import { accountName, namespaceName, regionId } from '../src/names';

/** Keys that name a target, whatever their schema. */
const NAMING_KEY = /namespace|region|project|cluster|domain|account|application|workload|app_type/i;
/** Schemas that name a target, whatever their key. */
const NAMING_SCHEMAS: readonly unknown[] = [namespaceName, regionId, accountName];

interface ZodNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodNode>;
      innerType?: ZodNode;
      element?: ZodNode;
      options?: ZodNode[];
      in?: ZodNode;
      out?: ZodNode;
    };
  };
}

/** Each field below a schema, as a dotted path, with its schema (optionals unwrapped). */
function* fieldsOf(schema: ZodNode, path: string): Generator<[string, ZodNode]> {
  const { def } = schema._zod;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      if (def.innerType !== undefined) yield* fieldsOf(def.innerType, path);
      return;
    case 'pipe':
      if (def.in !== undefined) yield* fieldsOf(def.in, path);
      return;
    case 'union':
      for (const option of def.options ?? []) yield* fieldsOf(option, path);
      return;
    case 'array':
      if (def.element !== undefined) yield* fieldsOf(def.element, `${path}[]`);
      return;
    case 'object':
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        const childPath = `${path}.${key}`;
        yield [childPath, child];
        yield* fieldsOf(child, childPath);
      }
      return;
    default:
      return;
  }
}

function unwrapped(schema: ZodNode): ZodNode {
  const { def } = schema._zod;
  return def.type === 'optional' && def.innerType !== undefined ? unwrapped(def.innerType) : schema;
}

/** Every field of an operation's params, query and body, with its schema. */
function allFields(name: OperationName): [string, ZodNode][] {
  const definition = operations[name];
  const parts: [string, unknown][] = [
    ['params', definition.params],
    ['query', definition.query],
    ['body', 'body' in definition ? definition.body : undefined],
  ];
  return parts.flatMap(([part, schema]) =>
    schema === undefined ? [] : [...fieldsOf(schema as ZodNode, part)],
  );
}

/** The fields of an operation that name a target. */
function namingFields(name: OperationName): string[] {
  const found = allFields(name)
    .filter(([path, child]) => {
      const key = path.split('.').at(-1) ?? '';
      return NAMING_KEY.test(key) || NAMING_SCHEMAS.includes(unwrapped(child));
    })
    .map(([path]) => path);
  return [...new Set(found)].sort();
}

function deployFields(fields: DeployTargetFields): TargetField[] {
  return [
    fields.mode,
    fields.cluster,
    fields.clusterName,
    fields.namespace,
    fields.workload,
    fields.workloadType,
  ];
}

/** Every field an operation's declaration mentions, in any role. */
function declaredFields(targets: OperationTargets): string[] {
  const fields: TargetField[] = [
    ...(targets.namespaces ?? []).flatMap((entry) =>
      entry.region === undefined ? [entry.field] : [entry.field, entry.region],
    ),
    ...(targets.regions ?? []),
    ...(targets.projects ?? []),
    ...(targets.accounts ?? []),
    ...(targets.namespaceFilters ?? []),
    ...(typeof targets.deploy === 'object' ? deployFields(targets.deploy) : []),
  ];
  return [...new Set<string>(fields)].sort();
}

describe('target declarations', () => {
  it.each(operationNames)('%s declares every field that names a target', (name) => {
    const declared = declaredFields(operations[name].targets);
    expect(namingFields(name).filter((field) => !declared.includes(field))).toEqual([]);
  });

  it.each(operationNames)('%s declares only fields it has', (name) => {
    const fields = allFields(name).map(([path]) => path);
    const declared = declaredFields(operations[name].targets);
    expect(declared.filter((field) => !fields.includes(field))).toEqual([]);
  });

  it('finds naming fields by schema as well as by key', () => {
    // `imageTag` names no target, `remoteNamespace` does by both; the walk sees nested fields.
    expect(namingFields('createManualImageSyncRepo')).toEqual([
      'body.remoteNamespace',
      'body.remoteRegionId',
      'params.namespace',
    ]);
    expect(namingFields('createTrigger')).toContain('body.cluster_id');
  });

  it('an organization in the path is a target of every operation that has one', () => {
    for (const name of operationNames) {
      const definition = operations[name];
      if (!definition.path.includes('{namespace}')) continue;
      const targets: OperationTargets = definition.targets;
      expect(
        targets.namespaces?.map((entry) => entry.field),
        name,
      ).toContain('params.namespace');
    }
  });

  it('paths with a trigger, or bodies that create one, declare a deploy target', () => {
    const withDeploy = operationNames.filter((name) => {
      const targets: OperationTargets = operations[name].targets;
      return targets.deploy !== undefined;
    });
    expect(withDeploy.sort()).toEqual(['createTrigger', 'deleteTrigger', 'updateTrigger']);
  });
});

describe('targetsOf', () => {
  it('names both organizations of a sync, each in its region, and the other region', () => {
    const { targets, deploy, wholeAccount } = targetsOf(
      'createManualImageSyncRepo',
      {
        params: { namespace: 'payments', repository: 'nginx' },
        query: {},
        body: {
          imageTag: ['latest'],
          remoteNamespace: 'platform',
          remoteRegionId: 'cn-east-3',
        },
      },
      'cn-north-4',
    );
    expect(targets).toEqual([
      { kind: 'namespace', name: 'payments', field: 'params.namespace', region: 'cn-north-4' },
      {
        kind: 'namespace',
        name: 'platform',
        field: 'body.remoteNamespace',
        region: 'cn-east-3',
      },
      { kind: 'region', name: 'cn-east-3', field: 'body.remoteRegionId' },
    ]);
    expect(deploy).toBeNull();
    expect(wholeAccount).toBe(false);
  });

  it('names the organization a new organization is made as', () => {
    expect(
      targetsOf('createNamespace', { params: {}, query: {}, body: { namespace: 'x' } }, 'r-1-1')
        .targets,
    ).toEqual([{ kind: 'namespace', name: 'x', field: 'body.namespace', region: 'r-1-1' }]);
  });

  it("names a CCE trigger's cluster, Kubernetes namespace and workload", () => {
    const { targets, deploy } = targetsOf(
      'createTrigger',
      {
        params: { namespace: 'payments', repository: 'api' },
        query: {},
        body: {
          cluster_id: 'c-1',
          cluster_name: 'prod',
          cluster_ns: 'team-b',
          application: 'web',
          app_type: 'deployments',
        },
      },
      'cn-north-4',
    );
    expect(deploy).toEqual({ cluster: 'c-1', namespace: 'team-b', workload: 'deployments/web' });
    expect(targets.map(({ kind, name }) => `${kind}:${name}`)).toEqual([
      'namespace:payments',
      'cluster:c-1',
      'kubernetesNamespace:team-b',
      'workload:deployments/web',
    ]);
  });

  it('a CCI trigger has no cluster, even when the body names one', () => {
    const { deploy } = targetsOf(
      'createTrigger',
      {
        params: { namespace: 'payments', repository: 'api' },
        query: {},
        body: {
          trigger_mode: 'cci',
          cluster_id: 'c-1',
          cluster_ns: 'ns',
          application: 'a',
          app_type: 'deployments',
        },
      },
      'cn-north-4',
    );
    expect(deploy).toMatchObject({ cluster: null });
  });

  it('changing a trigger takes the deploy target of the trigger in the path', () => {
    expect(
      targetsOf(
        'updateTrigger',
        {
          params: { namespace: 'p', repository: 'r', trigger: 't' },
          query: {},
          body: { enable: 'true' },
        },
        'cn-north-4',
      ).deploy,
    ).toBe('path-trigger');
  });

  it('a docker login opens the whole account', () => {
    expect(
      targetsOf('createSecret', { params: {}, query: {}, body: undefined }, 'r').wholeAccount,
    ).toBe(true);
  });

  it('reads only own string fields', () => {
    const parts = {
      params: {},
      query: {},
      body: JSON.parse('{"__proto__":{"namespace":"x"}}') as unknown,
    };
    expect(fieldValue(parts, 'body.namespace')).toBeUndefined();
    expect(
      fieldValue({ params: {}, query: {}, body: { namespace: 7 } }, 'body.namespace'),
    ).toBeUndefined();
  });
});

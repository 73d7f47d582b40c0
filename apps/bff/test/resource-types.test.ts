import { operationNames, operations } from '@swr-dashboard/swr-client';
import { describe, expect, it } from 'vitest';
import { resourceType } from '../src/proxy/records';

/** The path parameters a routed request of this operation has: its template's placeholders. */
function templateParams(path: string): Record<string, string> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return Object.fromEntries(names.map((name): [string, string] => [name, 'x']));
}

describe('the resource type each operation declares', () => {
  it.each(operationNames)('%s declares what its audit records have always named', (name) => {
    const definition = operations[name];
    expect(definition.resource).toBe(resourceType(name, templateParams(definition.path)));
  });
});

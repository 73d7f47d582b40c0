/**
 * Which contract operations each client exercised, on which path. A call counts as a success when
 * the client resolved with a 2xx answer, and as an error when the emulator answered with an error
 * status (a request our client refuses before sending counts as neither).
 */
import { operationNames, type OperationName } from '@swr-dashboard/swr-client';

export type ClientKind = 'sdk' | 'ours';
export type CallPath = 'success' | 'error';

const seen: Record<ClientKind, Record<CallPath, Set<OperationName>>> = {
  sdk: { success: new Set(), error: new Set() },
  ours: { success: new Set(), error: new Set() },
};

/** The error answers seen per operation, as `status code` (both clients together). */
const errors = new Map<OperationName, Set<string>>();

export function recordCall(
  client: ClientKind,
  name: OperationName,
  path: CallPath,
  error?: { status: number; code: string | undefined },
): void {
  seen[client][path].add(name);
  if (error !== undefined) {
    const codes = errors.get(name) ?? new Set<string>();
    codes.add(`${error.status} ${error.code?.replace('SVCSTG.SWR.', '') ?? '-'}`);
    errors.set(name, codes);
  }
}

/** Operations of the contract the client has not exercised on this path, in contract order. */
export function unexercised(client: ClientKind, path: CallPath): OperationName[] {
  return operationNames.filter((name) => !seen[client][path].has(name));
}

/**
 * One line per operation: `createNamespace  sdk ✓✓  ours ✓✓  409 4090060, …`: success and error
 * path per client, then the error answers seen.
 */
export function coverageTable(): string {
  const mark = (client: ClientKind, name: OperationName) =>
    (['success', 'error'] as const)
      .map((path) => (seen[client][path].has(name) ? '✓' : '✗'))
      .join('');
  const width = Math.max(...operationNames.map((name) => name.length));
  return operationNames
    .map((name) => {
      const codes = [...(errors.get(name) ?? [])].sort().join(', ');
      return `${name.padEnd(width)}  sdk ${mark('sdk', name)}  ours ${mark('ours', name)}  ${codes}`;
    })
    .join('\n');
}

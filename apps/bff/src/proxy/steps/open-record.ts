/** The open-the-audit-record step: a change is recorded before it is sent, or not sent. */
import type { RequestTargets } from '@swr-dashboard/swr-client';
import type { Request } from 'express';
import { openBeforeActing } from '../../audit/policies';
import type { AuditRecord } from '../../audit/trail';
import type { Identity } from '../../auth/identity';
import { callRecord } from '../records';
import type { Routed } from '../route';
import type { ProxyDeps } from './deps';

/**
 * The call's `pending` record: for every mutation, and for reads with `AUDIT_READS`; undefined
 * for a read that is not recorded. Throws 503 `audit_unavailable` when it cannot be written.
 */
export async function openRecord(
  deps: Pick<ProxyDeps, 'audit' | 'logger' | 'config'>,
  req: Request,
  identity: Identity,
  routed: Routed,
  targets: RequestTargets,
): Promise<AuditRecord | undefined> {
  if (routed.definition.method === 'GET' && !deps.config.audit.reads) return undefined;
  return openBeforeActing(
    deps,
    callRecord(req, identity, routed, targets),
    'The change was not sent: the audit trail cannot be written.',
  );
}

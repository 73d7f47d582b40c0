/**
 * Whether the user may start a manual sync, and for which rows: the role (and scopes) the console
 * reports for `createManualImageSyncRepo`, then per row the organizations at both ends (a manual
 * sync acts on the source organization and on the target one) and the regions the console reaches.
 */
import { namespaceAllowed } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { useMe, usePermission } from '../../../lib/session';
import type { HealthRow } from '../rows';

export type SyncAction = 'sync' | 'retry';

export interface SyncGate {
  /** Whether the user may start a manual sync at all (if not, no action is shown). */
  allowed: boolean;
  /** Why not, when not. */
  reason: string | undefined;
  /** Whether a row offers the action at all (it has something to sync). */
  offers: (row: HealthRow, action: SyncAction) => boolean;
  /** Why the user may not take the action on a row; undefined when they may. */
  blocked: (row: HealthRow) => string | undefined;
}

export function useSyncGate(): SyncGate {
  const { t } = useTranslation('sync-health');
  const me = useMe();
  const permission = usePermission('createManualImageSyncRepo');
  const regions = new Set(me.regions.map((region) => region.id));
  const patterns = (me.namespaces ?? []).join(', ');
  return {
    allowed: permission.allowed,
    reason: permission.reason,
    offers: (row, action) =>
      action === 'retry'
        ? row.failedTags.length > 0
        : row.missing.length + row.differing.length > 0,
    blocked: (row) => {
      const target = `${row.target.region}/${row.target.namespace}`;
      if (!regions.has(row.target.region)) {
        return t('actions.regionUnavailable', { region: row.target.region });
      }
      const inScope =
        namespaceAllowed(me.namespaces, row.repository.namespace) &&
        namespaceAllowed(me.namespaces, row.target.namespace);
      return inScope ? undefined : t('actions.outsideScope', { patterns, target });
    },
  };
}

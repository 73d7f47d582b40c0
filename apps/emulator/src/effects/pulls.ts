/**
 * Pulls of a repository's images: SWR counts them as the repository's downloads. The emulator
 * serves no registry, so nothing pulls over HTTP; seeds record the pulls an account has seen.
 */
import type { ApiContext } from '../context';
import type { RepositoryRef } from '../store/rows';

export function recordPulls(ctx: ApiContext, repo: Pick<RepositoryRef, 'id'>, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`a pull count, not ${count}`);
  ctx.store.run(
    'UPDATE repositories SET num_download = num_download + ? WHERE id = ?',
    count,
    repo.id,
  );
}

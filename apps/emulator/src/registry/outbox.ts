/**
 * Carries out the registry's share of API changes (work.ts), in the order they were made, one at
 * a time, after their transaction: images copied to another region's registry, manifests no tag
 * names any more deleted. `kick()` after a change starts it; `drained()` waits until nothing is
 * left, which the front door does before serving a pull (so a pull right after a sync finds the
 * image, and one after a delete does not). Rows left by a stop are carried out at the next start.
 */
import type { Store } from '../store/store';
import { copyImage, deleteManifest, type CallOptions } from './client';

interface WorkRow {
  id: number;
  kind: 'copy' | 'forget';
  region: string;
  repository: string;
  digest: string;
  to_region: string | null;
  to_repository: string | null;
  to_tag: string | null;
}

export class RegistryOutbox {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    /** A region's registry socket. */
    private readonly socketOf: (region: string) => string | undefined,
    private readonly log: (line: string) => void,
    /** How long a call may wait on a silent registry (client.ts's default). */
    private readonly options: CallOptions = {},
  ) {}

  /** Starts carrying out what is queued (or, if under way, looks again when done). */
  kick(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves once nothing is queued. */
  async drained(): Promise<void> {
    this.kick();
    while (this.running !== undefined) await this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const row = this.store.get<WorkRow>('SELECT * FROM registry_work ORDER BY id LIMIT 1');
      if (row === undefined) return;
      try {
        await this.carryOut(row);
      } catch (error) {
        // A registry that fails now fails the next time too: the work is logged and dropped,
        // as the front door cannot fix it (the API's change stands).
        this.log(`registry: ${row.kind} ${row.repository}@${row.digest} failed: ${String(error)}`);
      }
      this.store.run('DELETE FROM registry_work WHERE id = ?', row.id);
    }
  }

  private async carryOut(row: WorkRow): Promise<void> {
    const socket = this.socketOf(row.region);
    if (socket === undefined) return;
    const from = { socket, repository: row.repository };
    if (row.kind === 'forget') {
      if (!this.named(row.region, row.repository, row.digest)) {
        await deleteManifest(from, row.digest, this.options);
      }
      return;
    }
    const target = row.to_region === null ? undefined : this.socketOf(row.to_region);
    if (target === undefined || row.to_repository === null || row.to_tag === null) return;
    const to = { socket: target, repository: row.to_repository };
    if (!(await copyImage(from, to, row.digest, row.to_tag, this.options))) {
      this.log(`registry: ${row.repository}@${row.digest} is gone: not copied`);
    }
  }

  /**
   * Whether a tag of the repository still names the digest, or an index a tag names lists it
   * (a platform's image pushed under a tag of its own, then listed by a multi-platform tag).
   */
  private named(region: string, path: string, digest: string): boolean {
    const slash = path.indexOf('/');
    const rows = this.store.all<{ digest: string; manifest: string | null }>(
      `SELECT t.digest, t.manifest FROM tags t JOIN repositories r ON r.id = t.repository_id
         JOIN namespaces n ON n.id = r.namespace_id
       WHERE n.region = ? AND n.name = ? AND r.name = ?
         AND (t.digest = ? OR instr(t.manifest, ?) > 0)`,
      region,
      path.slice(0, slash),
      path.slice(slash + 1),
      digest,
      digest,
    );
    return rows.some((row) => row.digest === digest || lists(row.manifest, digest));
  }
}

/** Whether a manifest is an index that lists the digest. */
function lists(manifest: string | null, digest: string): boolean {
  try {
    const json = JSON.parse(manifest ?? '') as { manifests?: unknown };
    return (
      Array.isArray(json.manifests) &&
      json.manifests.some((entry) => (entry as { digest?: unknown } | null)?.digest === digest)
    );
  } catch {
    return false;
  }
}

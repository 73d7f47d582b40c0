/**
 * Writing and deleting tags. A repository's tag count and size change in the same transaction
 * as its tags, so lists can read them without counting.
 */
import { createHash } from 'node:crypto';
import type { ApiContext } from '../context';
import { queueForget } from '../registry/work';
import type { RepositoryRef, TagRow } from '../store/rows';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A plausible schema-2 manifest for an image of about `size` bytes. */
function manifestFor(seed: string, size: number): string {
  const config = sha256(`config:${seed}`);
  const layers = [0.62, 0.3, 0.08].map((share, index) => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size: Math.max(1, Math.round(size * share)),
    digest: `sha256:${sha256(`layer:${index}:${seed}`)}`,
  }));
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1_500 + (size % 5_000),
      digest: `sha256:${config}`,
    },
    layers,
  });
}

export interface TagWrite {
  tag: string;
  size: number;
  /** The push time: a new tag's creation time, an existing one's update time. */
  at: Date;
  /** The manifest digest; a new image's is derived from the push. */
  digest?: string;
  /** The manifest, as a real push (through the registry front door) or a sync carries it. */
  manifest?: string;
}

/** The image a push of `write` to repository `repoId` makes, derived from the push. */
function imageOf(repoId: number, write: TagWrite) {
  const at = write.at.toISOString();
  const manifest =
    write.manifest ?? manifestFor(`${repoId}:${write.tag}:${at}:${write.size}`, write.size);
  const digest = write.digest ?? `sha256:${sha256(manifest)}`;
  return { at, manifest, digest, imageId: sha256(`image:${digest}`) };
}

const INSERT_TAG = `INSERT INTO tags (repository_id, tag, digest, image_id, manifest, size, schema,
    tag_type, created, updated)
  VALUES (?, ?, ?, ?, ?, ?, 2, 0, ?, ?)`;

const COUNT_TAGS = `UPDATE repositories
  SET num_images = num_images + ?, size = size + ?, updated_at = max(updated_at, ?)
  WHERE id = ?`;

/** Adds a tag or points it at a new image. Returns the row and whether the tag is new. */
export function putTag(
  ctx: ApiContext,
  repo: Pick<RepositoryRef, 'id'>,
  write: TagWrite,
): { row: TagRow; created: boolean } {
  const { at, manifest, digest, imageId } = imageOf(repo.id, write);
  const before = ctx.store.get<TagRow>(
    'SELECT * FROM tags WHERE repository_id = ? AND tag = ?',
    repo.id,
    write.tag,
  );
  if (before === undefined) {
    ctx.store.run(INSERT_TAG, repo.id, write.tag, digest, imageId, manifest, write.size, at, at);
  } else {
    ctx.store.run(
      `UPDATE tags SET digest = ?, image_id = ?, manifest = ?, size = ?, updated = ?
       WHERE id = ?`,
      digest,
      imageId,
      manifest,
      write.size,
      at,
      before.id,
    );
  }
  ctx.store.run(
    COUNT_TAGS,
    before === undefined ? 1 : 0,
    write.size - (before?.size ?? 0),
    at,
    repo.id,
  );
  const row = ctx.store.get<TagRow>(
    'SELECT * FROM tags WHERE repository_id = ? AND tag = ?',
    repo.id,
    write.tag,
  );
  if (row === undefined) throw new Error(`tag ${write.tag} vanished while being written`);
  return { row, created: before === undefined };
}

/**
 * Adds many tags the repository does not have yet (a seed's history), each the row `putTag`
 * would write, with the counters updated once. A tag that exists already is an error (the
 * store's unique key), not an update. Sets off nothing: no trigger, sync or retention.
 */
export function addTags(
  ctx: ApiContext,
  repo: Pick<RepositoryRef, 'id'>,
  writes: readonly TagWrite[],
): void {
  if (writes.length === 0) return;
  let bytes = 0;
  let newest = '';
  for (const write of writes) {
    const { at, manifest, digest, imageId } = imageOf(repo.id, write);
    ctx.store.run(INSERT_TAG, repo.id, write.tag, digest, imageId, manifest, write.size, at, at);
    bytes += write.size;
    if (at > newest) newest = at;
  }
  ctx.store.run(COUNT_TAGS, writes.length, bytes, newest, repo.id);
}

/** Deletes tags of one repository and updates its counters. */
export function deleteTags(
  ctx: ApiContext,
  repo: Pick<RepositoryRef, 'id'>,
  tags: readonly Pick<TagRow, 'id' | 'size'>[],
): void {
  if (tags.length === 0) return;
  queueForget(
    ctx,
    repo.id,
    tags.map((tag) => tag.id),
  );
  for (const tag of tags) ctx.store.run('DELETE FROM tags WHERE id = ?', tag.id);
  ctx.store.run(
    `UPDATE repositories SET num_images = num_images - ?, size = size - ?, updated_at = ?
     WHERE id = ?`,
    tags.length,
    tags.reduce((sum, tag) => sum + tag.size, 0),
    ctx.now.toISOString(),
    repo.id,
  );
}

/**
 * Server-side jobs on SQLite (store.ts `JobRows`). One process writes the file, and
 * better-sqlite3 runs each transaction to its end before anything else, so a claim's read and
 * write cannot interleave with another's.
 */
import type { BffDatabase } from './database';
import {
  JOB_ITEM_STATUSES,
  JOB_MOVES,
  type JobItemRow,
  type JobItemStatus,
  type JobRow,
  type JobRows,
} from './store';

function sync<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

const JOB = `id, kind, region, owner_key AS ownerKey, owner_name AS ownerName, spec, status, total,
  created_at AS createdAt, finished_at AS finishedAt`;
const ITEM = `job_id AS jobId, seq, target, status, holder, lease_until AS leaseUntil, attempts,
  result, updated_at AS updatedAt`;

/** The items a claim may take: pending, or held under a lease that ended before `now`. */
const CLAIMABLE = `job_id = ? AND (status = 'pending' OR (status = 'running' AND lease_until < ?))`;

function jobStatements(db: BffDatabase) {
  return {
    insertJob: db.prepare<[string, string, string, string, string, string, number, number]>(
      `INSERT INTO jobs (id, kind, region, owner_key, owner_name, spec, status, total, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
    ),
    insertItem: db.prepare<[string, number, string, number]>(
      `INSERT INTO job_items (job_id, seq, target, status, attempts, updated_at)
       VALUES (?, ?, ?, 'pending', 0, ?)`,
    ),
    job: db.prepare<[string], JobRow>(`SELECT ${JOB} FROM jobs WHERE id = ?`),
    all: db.prepare<[number], JobRow>(
      `SELECT ${JOB} FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    owned: db.prepare<[string, number], JobRow>(
      `SELECT ${JOB} FROM jobs WHERE owner_key = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    active: db.prepare<[], JobRow>(
      `SELECT ${JOB} FROM jobs WHERE status IN ('running', 'cancelling') ORDER BY created_at, id`,
    ),
    counts: db.prepare<[string], { status: JobItemStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY status',
    ),
    claimable: db.prepare<[string, number, number], { seq: number }>(
      `SELECT seq FROM job_items WHERE ${CLAIMABLE} ORDER BY seq LIMIT ?`,
    ),
    hold: db.prepare<[string, number, number, string, number], JobItemRow>(
      `UPDATE job_items SET status = 'running', holder = ?, lease_until = ?,
         attempts = attempts + 1, updated_at = ?
       WHERE job_id = ? AND seq = ? RETURNING ${ITEM}`,
    ),
    release: db.prepare<[number, string, number, string]>(
      `UPDATE job_items SET status = CASE WHEN attempts <= 1 AND (SELECT status FROM jobs WHERE jobs.id = job_items.job_id)
             = 'cancelling' THEN 'cancelled' ELSE 'pending' END,
         holder = NULL, lease_until = NULL, attempts = attempts - 1, updated_at = ?
       WHERE job_id = ? AND seq = ? AND status = 'running' AND holder = ?`,
    ),
    settle: db.prepare<[string, string, number, string, number, string]>(
      `UPDATE job_items SET status = ?, result = ?, updated_at = ?, holder = NULL, lease_until = NULL
       WHERE job_id = ? AND seq = ? AND status = 'running' AND holder = ?`,
    ),
    setStatus: db.prepare<[string, number | null, string, string]>(
      'UPDATE jobs SET status = ?, finished_at = ? WHERE id = ? AND status = ?',
    ),
    cancelPending: db.prepare<[number, string]>(
      `UPDATE job_items SET status = 'cancelled', updated_at = ? WHERE job_id = ? AND status = 'pending'`,
    ),
    resumeJob: db.prepare<[string]>(
      `UPDATE jobs SET status = 'running', finished_at = NULL WHERE id = ? AND status = 'cancelled'
       AND EXISTS (SELECT 1 FROM job_items WHERE job_id = jobs.id AND status = 'cancelled')`,
    ),
    resumeItems: db.prepare<[number, string]>(
      `UPDATE job_items SET status = 'pending', attempts = 1, holder = NULL, lease_until = NULL,
       updated_at = ? WHERE job_id = ? AND status = 'cancelled'`,
    ),
    items: db.prepare<[string, number, number], JobItemRow>(
      `SELECT ${ITEM} FROM job_items WHERE job_id = ? ORDER BY seq LIMIT ? OFFSET ?`,
    ),
    itemsIn: db.prepare<[string, string, number, number], JobItemRow>(
      `SELECT ${ITEM} FROM job_items WHERE job_id = ? AND status = ? ORDER BY seq LIMIT ? OFFSET ?`,
    ),
  };
}

/** Every state, those with no item at 0. */
export function countsOf(rows: readonly { status: JobItemStatus; n: number | string }[]) {
  const counts = Object.fromEntries(JOB_ITEM_STATUSES.map((status) => [status, 0])) as Record<
    JobItemStatus,
    number
  >;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export function sqliteJobs(db: BffDatabase): JobRows {
  const statements = jobStatements(db);
  const create = db.transaction(
    (job: Parameters<JobRows['create']>[0], targets: readonly string[]) => {
      const { id, kind, region, ownerKey, ownerName, spec, createdAt } = job;
      statements.insertJob.run(
        id,
        kind,
        region,
        ownerKey,
        ownerName,
        spec,
        targets.length,
        createdAt,
      );
      targets.forEach((target, seq) => statements.insertItem.run(id, seq, target, createdAt));
    },
  );
  const claim = db.transaction(
    (id: string, holder: string, now: number, until: number, limit: number) =>
      statements.claimable
        .all(id, now, limit)
        .flatMap(({ seq }) => statements.hold.get(holder, until, now, id, seq) ?? []),
  );
  const release = db.transaction(
    (id: string, seqs: readonly number[], holder: string, now: number) =>
      seqs.reduce((count, seq) => count + statements.release.run(now, id, seq, holder).changes, 0),
  );
  const setStatus = db.transaction(
    (id: string, status: Exclude<JobRow['status'], 'running'>, now: number): boolean => {
      const finished = status === 'cancelled' || status === 'done' ? now : null;
      if (statements.setStatus.run(status, finished, id, JOB_MOVES[status]).changes === 0) {
        return false;
      }
      if (status === 'cancelling') statements.cancelPending.run(now, id);
      return true;
    },
  );
  const resume = db.transaction((id: string, now: number): number =>
    statements.resumeJob.run(id).changes === 0 ? 0 : statements.resumeItems.run(now, id).changes,
  );
  return {
    create: (job, targets) =>
      sync(() => {
        create(job, targets);
      }),
    job: (id) => sync(() => statements.job.get(id)),
    list: (ownerKey, limit) =>
      sync(() =>
        ownerKey === undefined ? statements.all.all(limit) : statements.owned.all(ownerKey, limit),
      ),
    active: () => sync(() => statements.active.all()),
    counts: (id) => sync(() => countsOf(statements.counts.all(id))),
    claim: (id, holder, now, until, limit) => sync(() => claim(id, holder, now, until, limit)),
    release: (id, seqs, holder, now) => sync(() => release(id, seqs, holder, now)),
    settle: ({ jobId, seq }, holder, outcome, now) =>
      sync(
        () =>
          statements.settle.run(outcome.status, outcome.result, now, jobId, seq, holder).changes ===
          1,
      ),
    setStatus: (id, status, now) => sync(() => setStatus(id, status, now)),
    resume: (id, now) => sync(() => resume(id, now)),
    items: (id, status, offset, limit) =>
      sync(() =>
        status === undefined
          ? statements.items.all(id, limit, offset)
          : statements.itemsIn.all(id, status, limit, offset),
      ),
  };
}

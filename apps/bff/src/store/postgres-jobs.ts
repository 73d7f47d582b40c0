/**
 * Server-side jobs on PostgreSQL (store.ts `JobRows`), shared by every replica. A claim takes its
 * items with `FOR UPDATE SKIP LOCKED` in the statement that marks them held, so replicas asking
 * at once take different items and none is held twice.
 */
import type pg from 'pg';
import { inTransaction } from './postgres-client';
import { countsOf } from './sqlite-jobs';
import { JOB_MOVES, type JobItemRow, type JobItemStatus, type JobRow, type JobRows } from './store';

const JOB = `id, kind, region, owner_key AS "ownerKey", owner_name AS "ownerName", spec, status,
  total, created_at AS "createdAt", finished_at AS "finishedAt"`;
const ITEM = `job_id AS "jobId", seq, target, status, holder, lease_until AS "leaseUntil",
  attempts, result, updated_at AS "updatedAt"`;

/** BIGINT columns (times) and counts come back from PostgreSQL as strings. */
type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | string };
type RawJob = Raw<JobRow, 'createdAt' | 'finishedAt'>;
type RawItem = Raw<JobItemRow, 'leaseUntil' | 'updatedAt'>;

const time = (value: number | string | null) => (value === null ? null : Number(value));

const job = (row: RawJob): JobRow => ({
  ...row,
  createdAt: Number(row.createdAt),
  finishedAt: time(row.finishedAt),
});
const item = (row: RawItem): JobItemRow => ({
  ...row,
  leaseUntil: time(row.leaseUntil),
  updatedAt: Number(row.updatedAt),
});

async function createJob(
  pool: pg.Pool,
  { id, kind, region, ownerKey, ownerName, spec, createdAt }: Parameters<JobRows['create']>[0],
  targets: readonly string[],
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO jobs (id, kind, region, owner_key, owner_name, spec, status, total, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8)`,
      [id, kind, region, ownerKey, ownerName, spec, targets.length, createdAt],
    );
    await client.query(
      `INSERT INTO job_items (job_id, seq, target, status, attempts, updated_at)
       SELECT $1, seq - 1, target, 'pending', 0, $3
       FROM unnest($2::text[]) WITH ORDINALITY AS given (target, seq)`,
      [id, targets, createdAt],
    );
  });
}

async function claimItems(
  pool: pg.Pool,
  {
    id,
    holder,
    now,
    until,
    limit,
  }: { id: string; holder: string; now: number; until: number; limit: number },
): Promise<JobItemRow[]> {
  const { rows } = await pool.query<RawItem>(
    `UPDATE job_items SET status = 'running', holder = $2, lease_until = $4,
       attempts = attempts + 1, updated_at = $3
     WHERE (job_id, seq) IN (
       SELECT job_id, seq FROM job_items
       WHERE job_id = $1 AND (status = 'pending' OR (status = 'running' AND lease_until < $3))
       ORDER BY seq LIMIT $5 FOR UPDATE SKIP LOCKED)
     RETURNING ${ITEM}`,
    [id, holder, now, until, limit],
  );
  return rows.map(item).sort((a, b) => a.seq - b.seq);
}

async function setJobStatus(
  pool: pg.Pool,
  id: string,
  status: Exclude<JobRow['status'], 'running'>,
  now: number,
): Promise<boolean> {
  const finished = status === 'cancelled' || status === 'done' ? now : null;
  return inTransaction(pool, async (client) => {
    const moved = await client.query(
      'UPDATE jobs SET status = $1, finished_at = $2 WHERE id = $3 AND status = $4',
      [status, finished, id, JOB_MOVES[status]],
    );
    if (moved.rowCount !== 1) return false;
    if (status === 'cancelling') {
      await client.query(
        `UPDATE job_items SET status = 'cancelled', updated_at = $1
         WHERE job_id = $2 AND status = 'pending'`,
        [now, id],
      );
    }
    return true;
  });
}

async function resumeJob(pool: pg.Pool, id: string, now: number): Promise<number> {
  return inTransaction(pool, async (client) => {
    const moved = await client.query(
      `UPDATE jobs SET status = 'running', finished_at = NULL WHERE id = $1 AND status = 'cancelled'
       AND EXISTS (SELECT 1 FROM job_items WHERE job_id = jobs.id AND status = 'cancelled')`,
      [id],
    );
    if (moved.rowCount !== 1) return 0;
    const items = await client.query(
      `UPDATE job_items SET status = 'pending', attempts = 1, holder = NULL, lease_until = NULL,
       updated_at = $1 WHERE job_id = $2 AND status = 'cancelled'`,
      [now, id],
    );
    return items.rowCount ?? 0;
  });
}

export function postgresJobs(pool: pg.Pool): JobRows {
  return {
    create: (row, targets) => createJob(pool, row, targets),
    job: async (id) => {
      const { rows } = await pool.query<RawJob>(`SELECT ${JOB} FROM jobs WHERE id = $1`, [id]);
      return rows[0] === undefined ? undefined : job(rows[0]);
    },
    list: async (ownerKey, limit) => {
      const { rows } = await pool.query<RawJob>(
        `SELECT ${JOB} FROM jobs WHERE ($1::text IS NULL OR owner_key = $1)
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [ownerKey ?? null, limit],
      );
      return rows.map(job);
    },
    active: async () => {
      const { rows } = await pool.query<RawJob>(
        `SELECT ${JOB} FROM jobs WHERE status IN ('running', 'cancelling') ORDER BY created_at, id`,
      );
      return rows.map(job);
    },
    counts: async (id) => {
      const { rows } = await pool.query<{ status: JobItemStatus; n: string }>(
        'SELECT status, COUNT(*) AS n FROM job_items WHERE job_id = $1 GROUP BY status',
        [id],
      );
      return countsOf(rows);
    },
    claim: (id, holder, now, until, limit) => claimItems(pool, { id, holder, now, until, limit }),
    release: async (id, seqs, holder, now) => {
      const released = await pool.query(
        `UPDATE job_items SET status = CASE WHEN attempts <= 1 AND (SELECT status FROM jobs WHERE jobs.id = job_items.job_id)
               = 'cancelling' THEN 'cancelled' ELSE 'pending' END,
           holder = NULL, lease_until = NULL, attempts = attempts - 1, updated_at = $1
         WHERE job_id = $2 AND seq = ANY ($3::int[]) AND status = 'running' AND holder = $4`,
        [now, id, seqs, holder],
      );
      return released.rowCount ?? 0;
    },
    settle: async ({ jobId, seq }, holder, outcome, now) => {
      const settled = await pool.query(
        `UPDATE job_items SET status = $1, result = $2, updated_at = $3, holder = NULL,
           lease_until = NULL
         WHERE job_id = $4 AND seq = $5 AND status = 'running' AND holder = $6`,
        [outcome.status, outcome.result, now, jobId, seq, holder],
      );
      return settled.rowCount === 1;
    },
    setStatus: (id, status, now) => setJobStatus(pool, id, status, now),
    resume: (id, now) => resumeJob(pool, id, now),
    items: async (id, status, offset, limit) => {
      const { rows } = await pool.query<RawItem>(
        `SELECT ${ITEM} FROM job_items WHERE job_id = $1 AND ($2::text IS NULL OR status = $2)
         ORDER BY seq LIMIT $3 OFFSET $4`,
        [id, status ?? null, limit, offset],
      );
      return rows.map(item);
    },
  };
}

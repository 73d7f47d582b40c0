/**
 * Durability: the emulator's SQLite file keeps everything across a restart and across a kill -9
 * in the middle of writes, and what it keeps is consistent (no half-applied push).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  createSignedTransport,
  createSwrClient,
  signRequest,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, defaultRegions, projectIdOf, startEmulator } from '../src/index';
import { defaultConfig } from '../src/config';

const MAIN = 'cn-north-4';
const directory = mkdtempSync(join(tmpdir(), 'swr-emulator-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

function clientFor(url: string): SwrClient {
  const account = defaultConfig().accounts[0];
  if (account === undefined) throw new Error('no demo account');
  return createSwrClient(
    createSignedTransport({
      endpoint: url,
      credentials: { ...DEMO_CREDENTIALS, projectId: projectIdOf(account, MAIN) },
    }),
  );
}

async function push(url: string, body: object): Promise<number> {
  const text = JSON.stringify(body);
  const headers = signRequest({
    method: 'POST',
    url: `${url}/emulator/push`,
    headers: { 'Content-Type': 'application/json' },
    body: text,
    credentials: DEMO_CREDENTIALS,
  });
  const response = await fetch(`${url}/emulator/push`, { method: 'POST', headers, body: text });
  await response.text();
  return response.status;
}

/** Starts `pnpm emulator` as a child process on a file and waits for its first region's URL. */
async function startChild(database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--db', database, '--no-seed', '--port', '0', '--quiet'],
    { cwd: resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = new RegExp(`^\\s+${MAIN}\\s+(http://\\S+)$`).exec(line);
    if (match?.[1] !== undefined) return { child, url: match[1] };
  }
  throw new Error('the emulator exited before it was ready');
}

describe('persistence', () => {
  it('keeps organizations, repositories and tags across a restart, and seeds only an empty store', async () => {
    const database = join(directory, 'restart.sqlite');
    const config = { database, regions: defaultRegions(0) };
    const first = await startEmulator({ config, seed: 'demo' });
    expect(first.seeded).toBe(true);
    const url = first.regions[0]?.url ?? '';
    await clientFor(url).createNamespace({ body: { namespace: 'survivor' } });
    await clientFor(url).createRepo({
      params: { namespace: 'survivor' },
      body: { repository: 'app', is_public: true },
    });
    expect(await push(url, { namespace: 'survivor', repository: 'app', tag: 'v1' })).toBe(200);
    const before = await clientFor(url).listReposDetails({ query: { limit: 1, offset: 0 } });
    await first.close();

    const second = await startEmulator({ config, seed: 'demo' });
    try {
      expect(second.seeded).toBe(false);
      const client = clientFor(second.regions[0]?.url ?? '');
      const tags = await client.listRepositoryTags({
        params: { namespace: 'survivor', repository: 'app' },
      });
      expect(tags.items.map((tag) => tag.Tag)).toEqual(['v1']);
      const after = await client.listReposDetails({ query: { limit: 1, offset: 0 } });
      expect(after.total).toBe(before.total);
    } finally {
      await second.close();
    }
  });

  it('survives kill -9 in the middle of writes: every acknowledged push is kept and the data is consistent', async () => {
    const database = join(directory, 'crash.sqlite');
    const { child, url } = await startChild(database);
    const client = clientFor(url);
    await client.createNamespace({ body: { namespace: 'crash' } });
    for (const name of ['a', 'b', 'c']) {
      await client.createRepo({
        params: { namespace: 'crash' },
        body: { repository: name, is_public: false },
      });
    }
    const acknowledged: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const repository = ['a', 'b', 'c'][i % 3] ?? 'a';
      const tag = `t${i}`;
      if ((await push(url, { namespace: 'crash', repository, tag, size: 1000 + i })) === 200) {
        acknowledged.push(`${repository}:${tag}`);
      }
    }
    expect(acknowledged).toHaveLength(30);
    // A burst of writes, and the process is killed while they are in flight.
    const burst = Array.from({ length: 200 }, (_, i) =>
      push(url, {
        namespace: 'crash',
        repository: ['a', 'b', 'c'][i % 3],
        tag: `burst${i}`,
        size: 7,
      })
        .then((status) => ({ i, status }))
        .catch(() => ({ i, status: 0 })),
    );
    const exited = new Promise((done) => child.once('exit', done));
    const firstAnswer = await Promise.race(burst);
    child.kill('SIGKILL');
    await exited;
    const results = await Promise.all(burst);
    for (const { i, status } of results) {
      if (status === 200) acknowledged.push(`${['a', 'b', 'c'][i % 3] ?? 'a'}:burst${i}`);
    }
    expect(firstAnswer.status).toBe(200);
    expect(results.filter((result) => result.status === 0).length).toBeGreaterThan(0);

    const reopened = await startEmulator({ config: { database, regions: defaultRegions(0) } });
    try {
      const db = reopened.store.db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const kept = new Set(
        db
          .prepare(
            `SELECT r.name || ':' || t.tag AS name FROM tags t JOIN repositories r ON r.id = t.repository_id`,
          )
          .all()
          .map((row) => (row as { name: string }).name),
      );
      for (const name of acknowledged) expect(kept.has(name), name).toBe(true);
      const inconsistent = db
        .prepare(
          `SELECT r.name, r.num_images, r.size,
             (SELECT count(*) FROM tags t WHERE t.repository_id = r.id) AS tags,
             (SELECT coalesce(sum(size), 0) FROM tags t WHERE t.repository_id = r.id) AS bytes
           FROM repositories r WHERE r.num_images <> tags OR r.size <> bytes`,
        )
        .all();
      expect(inconsistent).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

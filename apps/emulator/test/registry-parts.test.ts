/**
 * The registry's parts on a bad day, without a real registry: an outbox whose registry accepts
 * connections and never answers, and a registry program that cannot be started.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegistryOutbox } from '../src/registry/outbox';
import { Store } from '../src/store/store';

const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** A Unix socket that takes connections and never says a word. */
async function silentRegistry(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'swr-silent-registry-'));
  const socket = join(directory, 'registry.sock');
  const held: { destroy(): void }[] = [];
  const server: Server = createServer((connection) => {
    held.push(connection);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  cleanups.push(async () => {
    for (const connection of held) connection.destroy();
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });
  return socket;
}

describe('the outbox', () => {
  it('gives up on a registry that never answers, so pulls waiting on it are not held for ever', async () => {
    const socket = await silentRegistry();
    const store = new Store(':memory:');
    cleanups.push(() => {
      store.close();
    });
    store.run(
      `INSERT INTO registry_work (kind, region, repository, digest, to_region, to_repository, to_tag)
       VALUES ('copy', 'cn-north-4', 'ns/app', ?, 'cn-east-3', 'ns/app', 'v1'),
              ('forget', 'cn-north-4', 'ns/app', ?, NULL, NULL, NULL)`,
      `sha256:${'1'.repeat(64)}`,
      `sha256:${'2'.repeat(64)}`,
    );
    const lines: string[] = [];
    const outbox = new RegistryOutbox(
      store,
      () => socket,
      (line) => lines.push(line),
      { timeoutMs: 50 },
    );
    await outbox.drained();
    expect(lines).toEqual([
      expect.stringMatching(/copy ns\/app@sha256:1+ failed: .*silent for 50 ms/),
      expect.stringMatching(/forget ns\/app@sha256:2+ failed: .*silent for 50 ms/),
    ]);
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM registry_work')?.n).toBe(0);
  });
});

describe('a registry program that cannot start', () => {
  it('fails the start, leaving no temporary directory, instead of crashing the process', async () => {
    vi.stubEnv('SWR_EMULATOR_REGISTRY_BIN', '/nonexistent/docker-registry');
    vi.resetModules();
    const { startDistribution } = await import('../src/registry/distribution');
    const name = `missing-${String(process.pid)}`;
    await expect(startDistribution(name)).rejects.toThrow(/not found|ENOENT/);
    const left = readdirSync(tmpdir()).filter((entry) =>
      entry.startsWith(`swr-emulator-registry-${name}-`),
    );
    expect(left).toEqual([]);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});

/** The processes whose command line names `text`. */
function processesNaming(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    });
}

describe('a registry whose emulator is killed', () => {
  it('ends with it, however it ends', async () => {
    const script = [
      "const { startDistribution } = await import('./src/registry/distribution.ts');",
      "const running = await startDistribution('killed-parent');",
      "process.stdout.write(running.socket + '\\n');",
    ].join('\n');
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const socket = await new Promise<string>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve(out.trim());
      });
      parent.once('exit', (code) => {
        reject(new Error(`the parent exited (${String(code)}) before its registry listened`));
      });
    });
    const directory = dirname(socket);
    cleanups.push(() => {
      rmSync(directory, { recursive: true, force: true });
    });
    expect(processesNaming(directory).length).toBeGreaterThan(0);
    parent.kill('SIGKILL');
    await vi.waitFor(
      () => {
        expect(processesNaming(directory)).toEqual([]);
      },
      { timeout: 10_000, interval: 50 },
    );
  }, 30_000);
});

import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answersPing, startRedis, type TestRedis } from '../src/redis';

/** One command in RESP (an array of bulk strings), the way a client library sends it. */
function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** The length of the first complete RESP reply in `text`, or undefined while it is incomplete. */
function replyLength(text: string, from = 0): number | undefined {
  const end = text.indexOf('\r\n', from);
  if (end < 0) return undefined;
  const head = text.slice(from, end);
  const kind = head[0];
  const count = Number(head.slice(1));
  if (kind === '$') {
    if (count < 0) return end + 2 - from;
    const total = end + 2 + count + 2;
    return text.length >= total ? total - from : undefined;
  }
  if (kind === '*') {
    let at = end + 2;
    for (let index = 0; index < count; index += 1) {
      const length = replyLength(text, at);
      if (length === undefined) return undefined;
      at += length;
    }
    return at - from;
  }
  return end + 2 - from;
}

/** Sends one command over a fresh raw socket and returns the raw reply. */
function command(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('connect', () => {
      socket.write(encode(args));
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      if (replyLength(reply) === reply.length) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.once('error', reject);
  });
}

/** The value of one `CONFIG GET` parameter. */
async function configValue(port: number, name: string): Promise<string> {
  const lines = (await command(port, 'CONFIG', 'GET', name)).split('\r\n');
  // *2, $len, name, $len, value
  return lines[4] ?? '';
}

async function serverPid(port: number): Promise<number> {
  const info = await command(port, 'INFO', 'server');
  const match = /process_id:(\d+)/.exec(info);
  if (match?.[1] === undefined) throw new Error(`no process_id in INFO: ${info}`);
  return Number(match[1]);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startRedis', () => {
  let redis: TestRedis | undefined;

  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('answers SET and GET on loopback at its URL', async () => {
    redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await command(redis.port, 'SET', 'greeting', 'ni hao')).toBe('+OK\r\n');
    expect(await command(redis.port, 'GET', 'greeting')).toBe('$6\r\nni hao\r\n');
    expect(await command(redis.port, 'GET', 'missing')).toBe('$-1\r\n');
  });

  it('persists nothing and runs in protected mode, bound to loopback', async () => {
    redis = await startRedis();
    expect(await configValue(redis.port, 'save')).toBe('');
    expect(await configValue(redis.port, 'appendonly')).toBe('no');
    expect(await configValue(redis.port, 'protected-mode')).toBe('yes');
    expect(await configValue(redis.port, 'bind')).toBe('127.0.0.1');
  });

  it('gives every start a port and a directory of its own', async () => {
    redis = await startRedis();
    const other = await startRedis();
    try {
      expect(other.port).not.toBe(redis.port);
      expect(await configValue(other.port, 'dir')).not.toBe(await configValue(redis.port, 'dir'));
      await command(redis.port, 'SET', 'where', 'first');
      expect(await command(other.port, 'GET', 'where')).toBe('$-1\r\n');
    } finally {
      await other.stop();
    }
  });

  it('goes down on kill() and comes back empty on the same port on restart()', async () => {
    redis = await startRedis();
    await command(redis.port, 'SET', 'before', 'crash');
    const pid = await serverPid(redis.port);

    await redis.kill();
    expect(processExists(pid)).toBe(false);
    expect(await answersPing(redis.port)).toBe(false);

    await redis.restart();
    expect(await answersPing(redis.port)).toBe(true);
    expect(await serverPid(redis.port)).not.toBe(pid);
    expect(await command(redis.port, 'GET', 'before')).toBe('$-1\r\n');
    expect(await command(redis.port, 'SET', 'after', 'restart')).toBe('+OK\r\n');
  });

  it('leaves no process and no directory after stop()', async () => {
    const started = await startRedis();
    const pid = await serverPid(started.port);
    const dir = await configValue(started.port, 'dir');
    expect(existsSync(dir)).toBe(true);

    await started.stop();

    expect(processExists(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(await answersPing(started.port)).toBe(false);
  });

  it('stops cleanly after a kill() that was not followed by a restart()', async () => {
    const started = await startRedis();
    const dir = await configValue(started.port, 'dir');
    await started.kill();
    await started.stop();
    expect(existsSync(dir)).toBe(false);
  });
});

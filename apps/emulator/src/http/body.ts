/** Reading a request body with a size limit. */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, reason: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle({ ok: false, reason: 'too-large' });
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      settle({ ok: true, bytes: Buffer.concat(chunks) });
    });
    req.on('error', () => {
      settle({ ok: false, reason: 'aborted' });
    });
    req.on('close', () => {
      settle({ ok: false, reason: 'aborted' });
    });
  });
}

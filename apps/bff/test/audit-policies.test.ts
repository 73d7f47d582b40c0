/**
 * The four policies for a failed audit write (src/audit/policies.ts), each against a real trail
 * whose sink can be made to fail: what the caller gets, what is logged, what is left in the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  finisher,
  openBeforeActing,
  recordBestEffort,
  recordOrUndo,
  type AuditWriter,
} from '../src/audit/policies';
import { AuditTrail, AuditUnavailableError, type AuditInput } from '../src/audit/trail';
import { AppError } from '../src/http/errors';
import { openDatabase } from '../src/store/database';
import { sqliteStore } from '../src/store/sqlite';

const directory = mkdtempSync(join(tmpdir(), 'swr-audit-policies-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const sink = { failCheck: false, failWrite: false, lines: [] as string[] };
const db = openDatabase(join(directory, 'bff.sqlite'));
/** The table's finishes fail this many more times (a database that is down a moment). */
const table = { failFinalizes: 0, finalizeAttempts: 0 };
const rows = sqliteStore(db).audit;
const audit = new AuditTrail(
  {
    ...rows,
    finalize: (record) => {
      table.finalizeAttempts += 1;
      if (table.failFinalizes > 0) {
        table.failFinalizes -= 1;
        return Promise.reject(new Error('connection terminated'));
      }
      return rows.finalize(record);
    },
  },
  {
    check: () => {
      if (sink.failCheck) throw new Error('disk full');
    },
    write: (line) => {
      if (sink.failWrite) throw new Error('pipe closed');
      sink.lines.push(line);
    },
  },
  { version: 'test', instance: 'test:1' },
);
const error = vi.fn();
const writer: AuditWriter = { audit, logger: { error } as unknown as Logger };

function input(requestId: string, event = 'swr.deleteRepo'): AuditInput {
  return {
    event,
    outcome: 'denied',
    actor: null,
    source: { ip: '127.0.0.1', userAgent: null },
    request: { id: requestId, method: 'DELETE', route: '/r', params: {}, query: {}, body: null },
    resource: null,
    upstream: null,
    httpStatus: 403,
    reason: 'because',
  };
}

function outcomeOf(requestId: string): string | undefined {
  const row = db
    .prepare("SELECT outcome FROM audit_events WHERE json_extract(record, '$.request.id') = ?")
    .get(requestId) as { outcome: string } | undefined;
  return row?.outcome;
}

beforeEach(() => {
  sink.failCheck = false;
  sink.failWrite = false;
  error.mockClear();
});

describe('openBeforeActing', () => {
  it('opens a pending record when the trail takes it', async () => {
    const record = await openBeforeActing(writer, input('open-1'), 'Nothing was done.');
    expect(record.outcome).toBe('pending');
    expect(outcomeOf('open-1')).toBe('pending');
    expect(error).not.toHaveBeenCalled();
  });

  it('throws 503 audit_unavailable with what was not done, and logs it', async () => {
    sink.failCheck = true;
    let thrown: unknown;
    try {
      await openBeforeActing(writer, input('open-2'), 'The change was not sent.');
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: 'audit_unavailable',
      status: 503,
      message: 'The change was not sent.',
    });
    expect(outcomeOf('open-2')).toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'open-2' }),
      expect.stringContaining('audit unavailable'),
    );
  });
});

describe('recordOrUndo', () => {
  it('records and leaves what was done alone', async () => {
    const undo = vi.fn(() => Promise.resolve());
    await recordOrUndo(writer, input('undo-1', 'login.success'), undo);
    expect(undo).not.toHaveBeenCalled();
    expect(outcomeOf('undo-1')).toBe('denied');
  });

  it('undoes and throws the failure on when the record cannot be written', async () => {
    sink.failCheck = true;
    const undo = vi.fn(() => Promise.resolve());
    await expect(recordOrUndo(writer, input('undo-2', 'login.success'), undo)).rejects.toThrow(
      AuditUnavailableError,
    );
    expect(undo).toHaveBeenCalledOnce();
  });
});

describe('recordBestEffort', () => {
  it('records when it can', async () => {
    recordBestEffort(writer, input('best-1'));
    await audit.settled();
    expect(outcomeOf('best-1')).toBe('denied');
  });

  it('never throws: a failed write is logged with its event and request', async () => {
    sink.failCheck = true;
    expect(() => {
      recordBestEffort(writer, input('best-2', 'logout'));
    }).not.toThrow();
    await audit.settled();
    expect(outcomeOf('best-2')).toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'best-2', event: 'logout' }),
      'could not write an audit record',
    );
  });
});

describe('finisher', () => {
  const completion = { outcome: 'success', httpStatus: 204, upstream: null, reason: null } as const;

  it('finishes a record once; later finishes do nothing', async () => {
    const pending = await audit.open(input('finish-1'));
    const finish = finisher(writer, pending);
    finish(completion);
    finish({ ...completion, outcome: 'failure', httpStatus: 500 });
    await audit.settled();
    expect(outcomeOf('finish-1')).toBe('success');
    const lines = sink.lines.filter((line) => line.includes('"finish-1"'));
    expect(lines).toHaveLength(1);
  });

  it('does nothing for a call that has no record', () => {
    expect(() => {
      finisher(writer, undefined)(completion);
    }).not.toThrow();
  });

  it('tries a finish again while the table refuses it, until it is written', async () => {
    const pending = await audit.open(input('finish-3'));
    table.failFinalizes = 3;
    table.finalizeAttempts = 0;
    finisher(writer, pending)(completion);
    await audit.settled();
    expect(table.finalizeAttempts).toBe(4);
    expect(outcomeOf('finish-3')).toBe('success');
    expect(sink.lines.filter((line) => line.includes('"finish-3"'))).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('stops trying when told to (the BFF stops): the record stays pending, the failure is logged', async () => {
    const trail = new AuditTrail(
      { ...rows, finalize: () => Promise.reject(new Error('connection terminated')) },
      { check: () => undefined, write: () => undefined },
      { version: 'test', instance: 'test:2' },
    );
    const pending = await trail.open(input('finish-4'));
    finisher({ audit: trail, logger: writer.logger }, pending)(completion);
    trail.stopRetrying();
    await trail.settled();
    expect(outcomeOf('finish-4')).toBe('pending');
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'finish-4', auditId: pending.id }),
      'could not finalize an audit record',
    );
  });

  it('never throws: a failed finish is logged with the record id', async () => {
    const pending = await audit.open(input('finish-2'));
    sink.failWrite = true;
    expect(() => {
      finisher(writer, pending)(completion);
    }).not.toThrow();
    await audit.settled();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'finish-2', auditId: pending.id }),
      'could not finalize an audit record',
    );
  });
});

/**
 * `/api/audit` and `/api/audit.csv`: the audit trail for admins (docs/security.md B5), filtered by
 * user, action, organization, outcome and time. The list pages (newest first); the CSV export
 * streams every matching record (oldest first, up to a cap) in batches. Anyone else gets 403,
 * and the refusal is itself audited.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import {
  auditActorsEndpoint,
  auditCsvEndpoint,
  auditListEndpoint,
  issueAt,
} from '@swr-dashboard/swr-client';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditFilter, AuditRecord, AuditTrail } from '../audit/trail';
import { atLeast } from '../auth/roles';
import { sendJson } from '../http/compression';
import { AppError, type Issue } from '../http/errors';
import { serve } from '../http/endpoint';

/** Records a page of the list holds when the query does not say. */
const AUDIT_PAGE_DEFAULT = 50;

/** Rows one CSV export may hold; narrow the time range beyond that. */
export const CSV_MAX_ROWS = 100_000;

const listQuery = auditListEndpoint.query;
const exportQuery = auditCsvEndpoint.query;

export type AuditListQuery = z.output<typeof listQuery>;
export type AuditExportQuery = z.output<typeof exportQuery>;

function toFilter(query: AuditExportQuery): AuditFilter {
  const filter: AuditFilter = {};
  if (query.user !== undefined) filter.actor = query.user;
  if (query.action !== undefined) filter.event = query.action;
  if (query.namespace !== undefined) filter.namespace = query.namespace;
  if (query.outcome !== undefined) filter.outcome = query.outcome;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  return filter;
}

/** Validates the query string, or throws a 400 with the issues. */
export function parseQuery<T>(schema: z.core.$ZodType<T>, query: unknown): T {
  const parsed = z.safeParse(schema, query);
  if (parsed.success) return parsed.data;
  const issues: Issue[] = parsed.error.issues.map((issue) => issueAt('query', issue));
  throw new AppError('invalid_parameter', 'Invalid query.', { issues });
}

export async function listAudit(
  trail: AuditTrail,
  query: AuditListQuery,
): Promise<{ items: AuditRecord[]; total: number; offset: number; limit: number }> {
  const { limit = AUDIT_PAGE_DEFAULT, offset = 0 } = query;
  const { items, total } = await trail.query({ ...toFilter(query), limit, offset });
  return { items, total, offset, limit };
}

export const CSV_COLUMNS = [
  'id',
  'ts',
  'event',
  'outcome',
  'actor',
  'actorKey',
  'role',
  'authMode',
  'ip',
  'method',
  'route',
  'region',
  'namespace',
  'repository',
  'tag',
  'targets',
  'body',
  'httpStatus',
  'upstreamStatus',
  'upstreamCode',
  'upstreamRequestId',
  'requestId',
  'clientRequestId',
  'count',
  'reason',
] as const;

type CsvValue = string | number | null | undefined;

/** `namespace:payments@cn-north-4 region:cn-east-3 cluster:c-1`: what the request named. */
function targetsText(record: AuditRecord): string {
  return (record.targets ?? [])
    .map(
      (target) =>
        `${target.kind}:${target.name}${target.region === undefined ? '' : `@${target.region}`}`,
    )
    .join(' ');
}

function csvRow(record: AuditRecord): CsvValue[] {
  return [
    record.id,
    record.ts,
    record.event,
    record.outcome,
    record.actor?.name,
    record.actor?.key,
    record.actor?.role,
    record.actor?.authMode,
    record.source.ip,
    record.request.method,
    record.request.route,
    record.bff.region,
    record.resource?.namespace,
    record.resource?.name,
    record.resource?.tag,
    targetsText(record),
    record.request.body === null || record.request.body === undefined
      ? null
      : JSON.stringify(record.request.body),
    record.httpStatus,
    record.upstream?.status,
    record.upstream?.code,
    record.upstream?.requestId,
    record.request.id,
    record.request.clientId,
    record.repeats?.count ?? 1,
    record.reason,
  ];
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): a value a spreadsheet would run as a formula gets a leading `'`; a
 * value holding a quote, comma or line break is quoted, with quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** `2026-01-15T08:30:12.345Z` → `20260115T083012Z`, safe in a file name. */
function compactTime(iso: string): string {
  return `${iso.slice(0, 19).replaceAll('-', '').replaceAll(':', '')}Z`;
}

export function csvFilename(query: AuditExportQuery, now: Date): string {
  const from = query.from === undefined ? 'start' : compactTime(query.from);
  const to = compactTime(query.to ?? now.toISOString());
  return `swr-audit-${from}-${to}.csv`;
}

/**
 * The export as CSV text chunks: the header, then one chunk per batch of records. Throws (before
 * yielding anything) a 400 when more than `maxRows` records match.
 */
export async function auditCsv(
  trail: AuditTrail,
  query: AuditExportQuery,
  options: { maxRows?: number; batchSize?: number } = {},
): Promise<AsyncIterable<string>> {
  const filter = toFilter(query);
  const maxRows = options.maxRows ?? CSV_MAX_ROWS;
  const total = await trail.count(filter);
  if (total > maxRows) {
    throw new AppError('invalid_parameter', 'Too many records for one export.', {
      issues: [
        {
          path: 'query',
          message: `${total} records match; one export holds at most ${maxRows}: narrow from/to`,
        },
      ],
    });
  }
  async function* chunks(): AsyncGenerator<string> {
    yield csvLine(CSV_COLUMNS);
    let left = maxRows;
    for await (const batch of trail.batches(filter, options.batchSize)) {
      const rows = batch.slice(0, left);
      left -= rows.length;
      yield rows.map((record) => csvLine(csvRow(record))).join('');
      if (left <= 0) return;
    }
  }
  return chunks();
}

export interface AdminDeps {
  audit: AuditTrail;
  logger: Logger;
}

/**
 * Lets only admins through. Anyone else gets 403, audited as `authz.denied` (a failing audit
 * store does not turn the refusal into a pass).
 */
export function adminOnly(deps: AdminDeps, route: string, what: string): RequestHandler {
  return (req: Request, _res, next) => {
    const identity = req.identity;
    if (identity !== undefined && atLeast(identity.role, 'admin')) {
      next();
      return;
    }
    const message = `${what} needs the admin role; you are ${identity?.role ?? 'not signed in'}`;
    recordBestEffort(
      deps,
      eventFor(req, 'authz.denied', 'denied', { route, reason: message, httpStatus: 403 }),
    );
    next(new AppError('forbidden', message, { reason: 'role' }));
  };
}

/** A 400 from an admin route's query, audited as `input.rejected` like the proxy's. */
export function auditedQuery<T>(
  deps: AdminDeps,
  req: Request,
  route: string,
  schema: z.core.$ZodType<T>,
): T {
  try {
    return parseQuery(schema, req.query);
  } catch (error) {
    if (error instanceof AppError) {
      recordBestEffort(
        deps,
        eventFor(req, 'input.rejected', 'denied', {
          route,
          reason: error.extra.issues?.[0]?.path ?? error.message,
          httpStatus: 400,
        }),
      );
    }
    throw error;
  }
}

export function auditRoutes(router: Router, deps: AdminDeps): void {
  const list = auditListEndpoint.path;
  serve(
    router,
    '/api',
    auditListEndpoint,
    adminOnly(deps, list, 'Reading the audit trail'),
    async (req, res) =>
      sendJson(
        req,
        res,
        200,
        await listAudit(deps.audit, auditedQuery(deps, req, list, listQuery)),
      ),
  );

  const actors = auditActorsEndpoint.path;
  serve(
    router,
    '/api',
    auditActorsEndpoint,
    adminOnly(deps, actors, 'Reading the audit trail'),
    async (req, res) => sendJson(req, res, 200, { actors: await deps.audit.actors() }),
  );

  const csv = auditCsvEndpoint.path;
  serve(
    router,
    '/api',
    auditCsvEndpoint,
    adminOnly(deps, csv, 'Exporting the audit trail'),
    async (req, res) => {
      const query = auditedQuery(deps, req, csv, exportQuery);
      const chunks = await auditCsv(deps.audit, query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${csvFilename(query, new Date())}"`,
      );
      try {
        await pipeline(Readable.from(chunks), res);
      } catch (error) {
        // The browser went away mid-download: nothing to answer.
        if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      }
    },
  );
}

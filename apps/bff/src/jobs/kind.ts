/**
 * What every kind of job is to the BFF (docs/decisions/0019): the calls it may make (authorized
 * before SWR is read), its preview (exactly its items, by the code that carries them out), the
 * call each item makes (authorized again, and named by the item's audit record) and the carrying
 * out of one item. The API and the runner know jobs only through this; `kinds.ts` lists them.
 *
 * An item may be carried out more than once (its holder died after sending its call): carrying
 * one out must leave SWR as once would. The templates and the changes of shares and triggers
 * read what is there first; a tag clean-up checks an item claimed again.
 */
import {
  isSwrError,
  type DeployTarget,
  type JobItem,
  type JobKind,
  type JobPreviewOf,
  type JobSpec,
  type JobTargetOf,
  type OperationName,
  type ProtectedTagPattern,
  type RequestParts,
  type SwrClient,
} from '@swr-dashboard/swr-client';

export type SpecOf<K extends JobKind> = Extract<JobSpec, { kind: K }>;
export type Repository = JobSpec['repositories'][number];

/** One SWR change, as authorization and the audit trail see it. */
export interface ItemCall {
  operation: OperationName;
  parts: RequestParts;
  /** Where the trigger the path names deploys, as the preview read it from SWR. */
  deploy?: DeployTarget;
}

export interface PreviewContext {
  client: SwrClient;
  /** The protected patterns of an organization. */
  patterns: (namespace: string) => readonly ProtectedTagPattern[];
  now: number;
  /** The regions the console manages (a sync template's target must be one of them). */
  regions: readonly string[];
}

export interface CarryOutContext {
  /** How many times the item has been claimed, this time included. */
  attempts: number;
  patterns: (namespace: string) => readonly ProtectedTagPattern[];
  /**
   * A change the item makes before its own call (a replaced policy's delete), sent by `send`
   * with an audit record of its own: opened before it goes out, ended with SWR's answer and
   * `done` as its reason. The trail then holds every change SWR acknowledged, not only the
   * item's last; the item's own record keeps its own call.
   */
  sideChange<T>(call: ItemCall, done: string, send: () => Promise<T>): Promise<T>;
}

export type Outcome = { status: 'done' | 'failed'; result: NonNullable<JobItem['result']> };
export type Preview<K extends JobKind> = Pick<JobPreviewOf<K>, 'items' | 'kept'>;

/** A kind of job. Methods, not function fields: the registry holds every kind as any kind. */
export interface JobKindRun<K extends JobKind> {
  /**
   * The calls the job may make, as far as its spec tells (one or more per repository it names):
   * the user must be allowed each before anything is read from SWR.
   */
  declared(spec: SpecOf<K>): ItemCall[];
  /** Exactly the items it carries out, in order, and what it leaves alone and why. */
  preview(spec: SpecOf<K>, context: PreviewContext): Promise<Preview<K>>;
  /** The call an item makes (for a `replace`, the call that leaves the item as asked). */
  call(spec: SpecOf<K>, item: JobTargetOf<K>): ItemCall;
  /**
   * Carries the item out; a throw leaves it held, to be claimed again (SWR's passing failures,
   * up to {@link MAX_ATTEMPTS} claims, and a stop), when it is checked before anything is sent.
   */
  carryOut(
    client: SwrClient,
    spec: SpecOf<K>,
    item: JobTargetOf<K>,
    context: CarryOutContext,
  ): Promise<Outcome>;
}

/** How many claims of an item SWR's passing failures may cost before it fails for good. */
export const MAX_ATTEMPTS = 5;

export function done(message: string): Outcome {
  return { status: 'done', result: { requestId: null, status: null, message } };
}

export function failed(requestId: string | null, status: number | null, message: string): Outcome {
  return { status: 'failed', result: { requestId, status, message } };
}

/**
 * An SWR answer to a change, as the item's outcome: a 429, a 5xx, a timeout or a lost connection
 * says nothing, and a change that timed out may have been made: thrown on (the item is checked
 * and tried again), up to {@link MAX_ATTEMPTS} claims. Anything else fails the item.
 */
export function changeFailed(error: unknown, attempts: number): Outcome {
  if (!isSwrError(error)) throw error;
  if ((error.retryable || error.kind === 'aborted') && attempts < MAX_ATTEMPTS) throw error;
  return failed(error.requestId ?? null, error.status ?? null, error.message);
}

/** Whether SWR answered 404 (the thing is not there). */
export function notFound(error: unknown): boolean {
  return isSwrError(error) && error.status === 404;
}

/** The path parameters of a repository. */
export function repoParams(item: Repository): { namespace: string; repository: string } {
  return { namespace: item.namespace, repository: item.repository };
}

/** A call's request parts. */
export function parts(params: Record<string, string>, body?: unknown): RequestParts {
  return { params, query: {}, body };
}

/** Tags read per page of SWR's list. */
export const TAG_PAGE = 100;

export type TagEntry = { tag: string; digest: string; updated: string };

/** Every tag of a repository, newest first. */
export async function repositoryTags(
  client: SwrClient,
  { namespace, repository }: Repository,
): Promise<TagEntry[]> {
  const tags: TagEntry[] = [];
  for (let offset = 0; ; offset += TAG_PAGE) {
    const page = await client.listRepositoryTags({
      params: { namespace, repository },
      query: { limit: TAG_PAGE, offset, order_column: 'updated_at', order_type: 'desc' },
    });
    for (const entry of page.items) {
      tags.push({ tag: entry.Tag, digest: entry.digest, updated: entry.updated });
    }
    if (page.items.length < TAG_PAGE || tags.length >= page.total) return tags;
  }
}

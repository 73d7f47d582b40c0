/**
 * Running SWR operations in-process, as one account at a chosen time: the demo seed is a script
 * of such calls, so it obeys every rule the HTTP API does.
 */
import { operations, type OperationInput, type OperationName } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { execute } from '../api/execute';
import { findRepository } from '../api/records';
import type { EmulatorConfig } from '../config';
import { recordPulls } from '../effects/pulls';
import { pushTag, type PushResult } from '../effects/push';
import { addTags, type TagWrite } from '../effects/tags';
import type { Store } from '../store/store';

export class SeedSession {
  /** The time the next call happens at. */
  now: Date;

  constructor(
    private readonly store: Store,
    private readonly config: EmulatorConfig,
    private readonly accountName: string,
    start: Date,
  ) {
    this.now = start;
  }

  private context(region: string): ApiContext {
    const account = this.config.accounts.find((candidate) => candidate.name === this.accountName);
    const regionConfig = this.config.regions.find((candidate) => candidate.id === region);
    const user = account?.users[0];
    const credential = user?.credentials[0];
    if (
      account === undefined ||
      regionConfig === undefined ||
      user === undefined ||
      credential === undefined
    ) {
      throw new Error(`the seed needs account ${this.accountName} and region ${region}`);
    }
    return {
      store: this.store,
      config: this.config,
      region: regionConfig,
      caller: { account, user, ak: credential.ak },
      now: this.now,
      baseUrl: '',
    };
  }

  /** Calls an operation; the seed is a script, so any refusal is a bug in it. */
  call<N extends OperationName>(region: string, name: N, input: OperationInput<N>): unknown {
    const loose = input as { params?: unknown; query?: unknown; body?: unknown };
    const response = execute(this.context(region), name, {
      params: loose.params ?? {},
      query: loose.query ?? {},
      body: operations[name].method === 'GET' ? undefined : loose.body,
    });
    if (response.status >= 300) {
      throw new Error(`seed: ${name} answered ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  push(
    region: string,
    namespace: string,
    repository: string,
    tag: string,
    size: number,
  ): PushResult {
    const ctx = this.context(region);
    return pushTag(ctx, findRepository(ctx, namespace, repository), { tag, size });
  }

  /**
   * Writes a repository's past pushes at once (new tags only, at their own times), without
   * what a push sets off: history from before the policies and triggers that exist now.
   */
  backfill(region: string, namespace: string, repository: string, tags: readonly TagWrite[]): void {
    const ctx = this.context(region);
    addTags(ctx, findRepository(ctx, namespace, repository), tags);
  }

  /** Records `count` pulls of a repository's images (its download count). */
  pulls(region: string, namespace: string, repository: string, count: number): void {
    const ctx = this.context(region);
    recordPulls(ctx, findRepository(ctx, namespace, repository), count);
  }
}

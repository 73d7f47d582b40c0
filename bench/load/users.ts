/**
 * The simulated users of the load test, one session each, by role:
 *
 * - a viewer only reads (who am I, organizations, repositories, tags);
 * - an operator works in its own organization: creates its repositories, pushes tags to them
 *   (straight to the emulator, as `docker push` would), deletes tags and changes repositories;
 * - an admin cycles through an organization of its own: creates it, creates a repository in it,
 *   pushes a tag, deletes the tag, the repository and the organization, and starts again.
 *
 * Every user reads between changes. Each keeps what it believes SWR holds; when a change's
 * answer is lost (no answer, or an error that does not say it was refused) that belief becomes
 * unknown and the user reads the resource again before going on, as the console asks people to
 * ("refresh to see the current state"). What a user is sure of at the end is checked against the
 * emulator's database (`expected()`).
 */
import type { LoadSession } from './session';

export type Role = 'admin' | 'operator' | 'viewer';

export interface World {
  /** `/api/swr/<region>/v2/manage` */
  readonly api: string;
  /** A push straight to the emulator: true applied, false refused, undefined unknown. */
  push(namespace: string, repository: string, tag: string): Promise<boolean | undefined>;
  /** A pause between a user's calls (think time). */
  think(): Promise<void>;
}

/** What a user is sure SWR holds in its own organizations (names: `org`, `org/repo`, `org/repo:tag`). */
export interface Expected {
  /** A name prefix the user owns: no other organization under it may exist. */
  prefix?: string;
  /** Organizations whose presence is known. */
  namespaces: Map<string, boolean>;
  repositories: Map<string, boolean>;
  /** For a repository whose tags are known: exactly these. */
  tags: Map<string, string[]>;
}

const ok = (status: number) => status >= 200 && status < 300;

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

function tagsOf(json: unknown): string[] | undefined {
  if (!Array.isArray(json)) return undefined;
  return json.map((tag: unknown) =>
    typeof tag === 'object' && tag !== null && 'Tag' in tag ? String(tag.Tag) : '',
  );
}

export abstract class SimUser {
  constructor(
    readonly id: string,
    readonly role: Role,
    protected readonly session: LoadSession,
    protected readonly world: World,
  ) {}

  /** One action: a read or a change. */
  abstract step(): Promise<void>;

  abstract expected(): Expected | undefined;

  protected repoPath(namespace: string, repository: string): string {
    return `${this.world.api}/namespaces/${namespace}/repos/${encodeURIComponent(repository)}`;
  }

  /** One of the reads every role makes. */
  protected async read(): Promise<void> {
    const api = this.world.api;
    const choice = Math.random();
    if (choice < 0.25) await this.session.call('GET', '/api/me', 'me');
    else if (choice < 0.5) await this.session.call('GET', `${api}/namespaces`, 'listNamespaces');
    else if (choice < 0.8)
      await this.session.call('GET', `${api}/repos?limit=20&offset=0`, 'listReposDetails');
    else
      await this.session.call(
        'GET',
        `${this.repoPath('platform', 'nginx')}/tags?limit=20&offset=0`,
        'listRepositoryTags',
      );
  }

  /** Whether a repository exists now, by reading it; undefined when that read failed. */
  protected async exists(namespace: string, repository?: string): Promise<boolean | undefined> {
    const answer =
      repository === undefined
        ? await this.session.call(
            'GET',
            `${this.world.api}/namespaces/${namespace}`,
            'showNamespace',
          )
        : await this.session.call('GET', this.repoPath(namespace, repository), 'showRepository');
    if (answer.status === 200) return true;
    if (answer.status === 404) return false;
    return undefined;
  }

  protected async tags(namespace: string, repository: string): Promise<string[] | undefined> {
    const answer = await this.session.call(
      'GET',
      `${this.repoPath(namespace, repository)}/tags?limit=100&offset=0`,
      'listRepositoryTags',
    );
    return answer.status === 200 ? tagsOf(answer.json) : undefined;
  }
}

export class Viewer extends SimUser {
  async step(): Promise<void> {
    await this.read();
  }

  expected(): undefined {
    return undefined;
  }
}

interface Slot {
  name: string;
  exists: boolean | undefined;
  tags: Set<string> | undefined;
}

export class Operator extends SimUser {
  readonly namespace: string;
  private readonly slots: Slot[];
  private nextTag = 0;

  constructor(...args: ConstructorParameters<typeof SimUser>) {
    super(...args);
    this.namespace = `lt-${this.id}`;
    this.slots = ['app0', 'app1'].map((name) => ({ name, exists: false, tags: new Set() }));
  }

  async step(): Promise<void> {
    if (Math.random() < 0.6) {
      await this.read();
      return;
    }
    const slot = pick(this.slots);
    const path = this.repoPath(this.namespace, slot.name);
    if (slot.exists === undefined) {
      slot.exists = await this.exists(this.namespace, slot.name);
      if (slot.exists === false) slot.tags = new Set();
      return;
    }
    if (!slot.exists) {
      const answer = await this.session.call(
        'POST',
        `${this.world.api}/namespaces/${this.namespace}/repos`,
        'createRepo',
        { json: { repository: slot.name, is_public: false, category: 'app_server' } },
      );
      slot.exists = ok(answer.status) ? true : undefined;
      slot.tags = ok(answer.status) ? new Set() : undefined;
      return;
    }
    if (slot.tags === undefined) {
      const tags = await this.tags(this.namespace, slot.name);
      slot.tags = tags === undefined ? undefined : new Set(tags);
      return;
    }
    const choice = Math.random();
    if (choice < 0.45 && slot.tags.size < 6) {
      const tag = `v${this.nextTag++}`;
      const pushed = await this.world.push(this.namespace, slot.name, tag);
      if (pushed === true) slot.tags.add(tag);
      else slot.tags = undefined;
    } else if (choice < 0.8 && slot.tags.size > 0) {
      const tag = pick([...slot.tags]);
      const answer = await this.session.call('DELETE', `${path}/tags/${tag}`, 'deleteRepoTag');
      if (ok(answer.status)) slot.tags.delete(tag);
      else slot.tags = undefined;
    } else {
      await this.session.call('PATCH', path, 'updateRepo', {
        json: { is_public: Math.random() < 0.5, description: `load ${Date.now()}` },
      });
    }
  }

  expected(): Expected {
    const repositories = new Map<string, boolean>();
    const tags = new Map<string, string[]>();
    for (const slot of this.slots) {
      const name = `${this.namespace}/${slot.name}`;
      if (slot.exists !== undefined) repositories.set(name, slot.exists);
      if (slot.exists === true && slot.tags !== undefined) tags.set(name, [...slot.tags].sort());
    }
    return {
      namespaces: new Map([[this.namespace, true]]),
      repositories,
      tags,
    };
  }
}

/** The admin's cycle: what it does next, and how to tell whether that was done. */
const PHASES = ['org', 'repo', 'push', 'untag', 'unrepo', 'unorg'] as const;
const REPO = 'svc';
const TAG = 'v1';

export class Admin extends SimUser {
  private cycle = 0;
  private phase = 0;
  /** The last change's outcome is unknown: read before going on. */
  private uncertain = false;

  private get namespace(): string {
    return `lt-${this.id}-${this.cycle}`;
  }

  async step(): Promise<void> {
    if (Math.random() < 0.6) {
      await this.read();
      return;
    }
    const done = this.uncertain ? await this.verify() : await this.change();
    if (done === undefined) {
      this.uncertain = true;
      return;
    }
    this.uncertain = false;
    if (!done) return;
    this.phase += 1;
    if (this.phase === PHASES.length) {
      this.phase = 0;
      this.cycle += 1;
    }
  }

  /** Makes this phase's change: true done, false refused (do it again), undefined unknown. */
  private async change(): Promise<boolean | undefined> {
    const api = this.world.api;
    const ns = this.namespace;
    const repo = this.repoPath(ns, REPO);
    let status: number;
    switch (PHASES[this.phase]) {
      case 'org':
        status = (
          await this.session.call('POST', `${api}/namespaces`, 'createNamespace', {
            json: { namespace: ns },
          })
        ).status;
        break;
      case 'repo':
        status = (
          await this.session.call('POST', `${api}/namespaces/${ns}/repos`, 'createRepo', {
            json: { repository: REPO, is_public: true },
          })
        ).status;
        break;
      case 'push':
        return this.world.push(ns, REPO, TAG);
      case 'untag':
        status = (await this.session.call('DELETE', `${repo}/tags/${TAG}`, 'deleteRepoTag')).status;
        break;
      case 'unrepo':
        status = (await this.session.call('DELETE', repo, 'deleteRepo')).status;
        break;
      default:
        status = (await this.session.call('DELETE', `${api}/namespaces/${ns}`, 'deleteNamespaces'))
          .status;
    }
    // Anything but success is settled by reading: a refusal after a lost answer (e.g. "already
    // exists") may mean the earlier attempt was applied.
    return ok(status) ? true : undefined;
  }

  /** Reads whether this phase's change is in place: true yes, false no, undefined unknown. */
  private async verify(): Promise<boolean | undefined> {
    const ns = this.namespace;
    switch (PHASES[this.phase]) {
      case 'org':
        return this.exists(ns);
      case 'repo':
        return this.exists(ns, REPO);
      case 'push': {
        const tags = await this.tags(ns, REPO);
        return tags === undefined ? undefined : tags.includes(TAG);
      }
      case 'untag': {
        const tags = await this.tags(ns, REPO);
        return tags === undefined ? undefined : !tags.includes(TAG);
      }
      case 'unrepo': {
        const exists = await this.exists(ns, REPO);
        return exists === undefined ? undefined : !exists;
      }
      default: {
        const exists = await this.exists(ns);
        return exists === undefined ? undefined : !exists;
      }
    }
  }

  expected(): Expected | undefined {
    if (this.uncertain) return undefined;
    const ns = this.namespace;
    const phase = this.phase;
    // Phase n means the changes before n are done and n's is not.
    const repoName = `${ns}/${REPO}`;
    return {
      prefix: `lt-${this.id}-`,
      namespaces: new Map([[ns, phase >= 1]]),
      repositories: new Map([[repoName, phase >= 2 && phase <= 4]]),
      tags:
        phase >= 2 && phase <= 4
          ? new Map([[repoName, phase === 3 ? [TAG] : []]])
          : new Map<string, string[]>(),
    };
  }
}

/** Roles for `count` users: one in five an admin, one in five a viewer, the rest operators. */
export function roleOf(index: number): Role {
  if (index % 5 === 0) return 'admin';
  if (index % 5 === 4) return 'viewer';
  return 'operator';
}

/**
 * Tag names in the order a team pushes them, in the repository's style: semver that mostly
 * patches, git hashes, calendar versions, or a CI's mix of all of them with `pr-*` and
 * `release-*`. Never the same name twice and never `latest`, which is pushed on its own.
 */
import type { Random } from '../random';
import type { TagStyle } from './kinds';

export class TagNamer {
  private readonly used = new Set<string>();
  private major: number;
  private minor: number;
  private patch = 0;
  private readonly prefix: string;

  constructor(
    private readonly style: TagStyle,
    private readonly random: Random,
  ) {
    this.major = random.int(0, 3);
    this.minor = random.int(0, 12);
    this.prefix = random.next() < 0.6 ? 'v' : '';
  }

  /** A new tag name for a push at `at` (ms). */
  next(at: number): string {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const name = this.candidate(at);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    // Semver only moves forward, so it is always new.
    const name = this.semver(this.prefix);
    this.used.add(name);
    return name;
  }

  private candidate(at: number): string {
    switch (this.style) {
      case 'semver':
        return this.semver(this.prefix);
      case 'git':
        return this.random.next() < 0.7 ? this.random.hex(7) : `main-${this.random.hex(7)}`;
      case 'calver':
        return this.calver(at);
      case 'mixed':
        return this.mixed(at);
    }
  }

  private semver(prefix: string): string {
    const roll = this.random.next();
    if (roll < 0.02) {
      this.major += 1;
      this.minor = 0;
      this.patch = 0;
    } else if (roll < 0.17) {
      this.minor += 1;
      this.patch = 0;
    } else {
      this.patch += 1;
    }
    return `${prefix}${this.major}.${this.minor}.${this.patch}`;
  }

  private calver(at: number): string {
    const date = new Date(at).toISOString().slice(0, 10).replaceAll('-', '.');
    let name = date;
    for (let build = 2; this.used.has(name); build += 1) name = `${date}-${build}`;
    return name;
  }

  private mixed(at: number): string {
    const roll = this.random.next();
    if (roll < 0.35) return this.semver('v');
    if (roll < 0.65) return `main-${this.random.hex(7)}`;
    if (roll < 0.85) return `pr-${this.random.int(100, 4999)}`;
    if (roll < 0.95) return `release-${new Date(at).toISOString().slice(0, 7).replace('-', '.')}`;
    return `rc-${this.random.hex(5)}`;
  }
}

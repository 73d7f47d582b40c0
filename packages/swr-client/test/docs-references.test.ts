/**
 * The project's documents stand alone: every markdown file that a file of the repository names
 * (in a comment, a string or a document) and every relative link of a markdown document lead to
 * a file of the repository. Someone who clones it can follow each one; nothing points at working
 * notes kept elsewhere.
 *
 * - A mention is any `<name>.md` or `<path>/<name>.md` outside a URL. It resolves against the
 *   citing file's folder or any folder above it (its package's root, the repository's root), or
 *   against `docs/`: `docs/security.md B10` and `security.md B10` both name the security design,
 *   and apps/web may name its glossary from its own root; a path that leaves the repository does
 *   not resolve.
 * - A relative link `](target)` of a markdown file resolves against that file's folder, as a
 *   markdown viewer reads it (a leading `/` means the repository's root); its `#fragment` is not
 *   checked. A link to another site is not a reference to a document of the project: sources are
 *   named by title, so markdown files link to no `http(s)` address at all.
 *
 * Files are those git tracks, plus new ones it does not ignore; the lockfile and binary files are
 * skipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: import.meta.dirname,
  encoding: 'utf8',
}).trim();

/** Names that look like a reference but are not one, each with its reason. */
const NOT_REFERENCES: readonly { file: string; mention: RegExp; why: string }[] = [
  {
    file: 'bench/bff-overhead.ts',
    mention: /^bff-overhead\.profile\.md$/,
    why: 'the name of a file the benchmark writes into bench/results/',
  },
];

const SKIPPED = new Set(['pnpm-lock.yaml']);

function repositoryFiles(): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return [...new Set(listed.split('\0').filter((path) => path !== ''))].sort();
}

/** A file's text, or undefined for a binary file, one missing from the work tree, or the lockfile. */
function textOf(path: string): string | undefined {
  if (SKIPPED.has(path)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(ROOT, path));
  } catch {
    return undefined;
  }
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]'"`]*/gi;
const MENTION = /(?<![\w./-])[\w./-]*\w\.md(?![\w-])/g;
const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

interface Finding {
  file: string;
  line: number;
  text: string;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
  }
  return line;
}

/** The folders a mention in `file` may be relative to: its own and each above it, and docs/. */
function bases(file: string): string[] {
  const folders: string[] = [];
  for (let folder = posix.dirname(file); ; folder = posix.dirname(folder)) {
    folders.push(folder);
    if (folder === '.') break;
  }
  return [...folders, 'docs'];
}

/** The repository path `target` names from `base`, or undefined if it leaves the repository. */
function inside(base: string, target: string): string | undefined {
  const path = posix.normalize(posix.join(base, target));
  return path === '..' || path.startsWith('../') || posix.isAbsolute(path) ? undefined : path;
}

function unresolvedMentions(files: readonly string[], tracked: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const text = textOf(file);
    if (text === undefined) continue;
    const withoutUrls = text.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
    for (const match of withoutUrls.matchAll(MENTION)) {
      const mention = match[0];
      if (NOT_REFERENCES.some((entry) => entry.file === file && entry.mention.test(mention))) {
        continue;
      }
      const found = bases(file).some((base) => {
        const path = inside(base, mention);
        return path !== undefined && tracked.has(path);
      });
      if (!found) findings.push({ file, line: lineAt(text, match.index), text: mention });
    }
  }
  return findings;
}

function brokenLinks(files: readonly string[], tracked: ReadonlySet<string>): Finding[] {
  const folders = new Set([...tracked].flatMap((path) => ancestorsOf(path)));
  const findings: Finding[] = [];
  for (const file of files.filter((path) => path.endsWith('.md'))) {
    const text = textOf(file);
    if (text === undefined) continue;
    for (const match of text.matchAll(LINK)) {
      const target = match[1] ?? '';
      if (target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const pathPart = decodeURIComponent(target.replace(/[#?].*$/, ''));
      const path = pathPart.startsWith('/')
        ? inside('.', pathPart.slice(1))
        : inside(posix.dirname(file), pathPart);
      const cleaned = path?.replace(/\/$/, '');
      const found = cleaned !== undefined && (tracked.has(cleaned) || folders.has(cleaned));
      if (!found) findings.push({ file, line: lineAt(text, match.index), text: target });
    }
  }
  return findings;
}

function ancestorsOf(path: string): string[] {
  const folders: string[] = [];
  for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder)) {
    folders.push(folder);
  }
  return folders;
}

function externalLinks(files: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files.filter((path) => path.endsWith('.md'))) {
    const text = textOf(file);
    if (text === undefined) continue;
    for (const match of text.matchAll(LINK)) {
      const target = match[1] ?? '';
      if (/^https?:/i.test(target)) {
        findings.push({ file, line: lineAt(text, match.index), text: target });
      }
    }
  }
  return findings;
}

const describeFinding = (finding: Finding) => `${finding.file}:${finding.line}: ${finding.text}`;

describe('references to documents', () => {
  const files = repositoryFiles();
  const tracked = new Set(files);

  it('finds the repository and its documents', () => {
    expect(files).toContain('README.md');
    expect(files.filter((path) => path.endsWith('.md')).length).toBeGreaterThan(5);
  });

  it('every markdown file a file names is in the repository', () => {
    expect(unresolvedMentions(files, tracked).map(describeFinding)).toEqual([]);
  });

  it('every relative link of a markdown file leads to a file or folder of the repository', () => {
    expect(brokenLinks(files, tracked).map(describeFinding)).toEqual([]);
  });

  it('markdown files link to no other site: sources are named by title', () => {
    expect(externalLinks(files).map(describeFinding)).toEqual([]);
  });

  it('tells a mention from a URL, a glob and a longer extension', () => {
    const text = [
      'see docs/security.md B10 and (README.md)',
      'https://example.com/notes.md is a URL',
      'docs/*.md is a glob; x.mdx is not markdown',
    ].join('\n');
    const withoutUrls = text.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
    expect([...withoutUrls.matchAll(MENTION)].map((match) => match[0])).toEqual([
      'docs/security.md',
      'README.md',
    ]);
    expect(bases('apps/web/src/lib/i18n.test.ts')).toEqual([
      'apps/web/src/lib',
      'apps/web/src',
      'apps/web',
      'apps',
      '.',
      'docs',
    ]);
    expect(inside('.', '../outside/file')).toBeUndefined();
    expect(inside('docs', '../README.md')).toBe('README.md');
  });
});

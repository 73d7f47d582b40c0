/**
 * Both languages are complete: the same namespaces and keys (plural forms aside), no empty text,
 * the same `{{placeholders}}`, and every literal key the code asks for exists in English. The
 * Chinese follows one glossary (src/locales/GLOSSARY.md), and the repository categories' labels
 * are defined once, in `common`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPOSITORY_CATEGORIES } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { allMessages } from './i18n';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattened `a.b.c` keys with their text; plural forms folded into one key. */
function flatten(messages: unknown, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (typeof messages !== 'object' || messages === null) return out;
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') {
      const folded = path.replace(PLURAL, '');
      out.set(folded, [...(out.get(folded) ?? []), value]);
    } else {
      for (const [inner, texts] of flatten(value, path)) out.set(inner, texts);
    }
  }
  return out;
}

function placeholders(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/\{\{\s*(\w+)/g)) {
      if (match[1] !== undefined && match[1] !== 'count') names.add(match[1]);
    }
  }
  return [...names].sort();
}

const all = await allMessages();
const english = all.en ?? {};
const chinese = all['zh-CN'] ?? {};

describe('translations', () => {
  it('has the same namespaces in English and 简体中文', () => {
    expect(Object.keys(english).length).toBeGreaterThan(5);
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
  });

  for (const namespace of Object.keys(english)) {
    it(`${namespace}: the same keys and placeholders, none empty`, () => {
      const en = flatten(english[namespace]);
      const zh = flatten(chinese[namespace]);
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, texts] of en) {
        const other = zh.get(key) ?? [];
        expect(
          texts.concat(other).filter((text) => text.trim() === ''),
          key,
        ).toEqual([]);
        expect(placeholders(other), `${namespace}:${key}`).toEqual(placeholders(texts));
      }
    });
  }

  it('has every literal key the code asks for, in the namespaces its component loads', () => {
    const source = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(source);
    const keysOf = new Map(
      Object.entries(english).map(([namespace, messages]) => [
        namespace,
        new Set(flatten(messages).keys()),
      ]),
    );
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const uses = [...text.matchAll(/useTranslation\(([^)]*)\)/g)];
      if (uses.length === 0) continue;
      // The namespaces this file's components load; `common` is always the default.
      const namespaces = new Set(['common']);
      for (const use of uses) {
        for (const name of (use[1] ?? '').matchAll(/'([\w-]+)'/g)) {
          if (name[1] !== undefined) namespaces.add(name[1]);
        }
      }
      for (const call of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const key = call[1] ?? '';
        const [namespace, path] = key.includes(':') ? key.split(':', 2) : [undefined, key];
        const candidates = namespace === undefined ? [...namespaces] : [namespace];
        checked += 1;
        if (!candidates.some((name) => keysOf.get(name)?.has(path) === true)) {
          missing.push(`${relative(source, file)}: ${key}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(missing).toEqual([]);
  });
});

/**
 * The glossary's terms, as src/locales/GLOSSARY.md states them: `rejected` are variants no Chinese
 * string may use; a string whose English `names` the term must use `zh` (`named`, if given, is
 * what the Chinese must contain), and none of `rejectedWhereNamed` (words that are right in another
 * sense elsewhere, as 版本 for an API version).
 */
interface Term {
  en: string;
  zh: string;
  names?: RegExp;
  named?: RegExp;
  rejected?: RegExp[];
  rejectedWhereNamed?: RegExp[];
}

const GLOSSARY: Term[] = [
  {
    en: 'organization (SWR namespace)',
    zh: '组织',
    names: /\borganizations?\b/i,
    rejected: [/(?<!命名)空间/],
  },
  {
    en: 'repository',
    zh: '镜像仓库',
    names: /\brepositor(y|ies)\b/i,
    rejected: [/(?<!镜像)仓库/, /存储库/],
  },
  { en: 'registry (the docker login host)', zh: '镜像仓库地址', rejected: [/注册表/] },
  { en: 'image', zh: '镜像', names: /\bimages?\b/i },
  {
    en: 'tag',
    zh: '镜像版本',
    names: /\btags?\b/i,
    rejected: [/标签/],
    rejectedWhereNamed: [/(?<!镜像)版本/],
  },
  { en: 'digest', zh: '摘要', names: /\bdigest\b/i },
  {
    en: 'category (of a repository)',
    zh: '类型',
    names: /\bcategor(y|ies)\b/i,
    rejected: [/分类/],
  },
  { en: 'push', zh: '推送', names: /\bpush(es|ed|ing)?\b/i, rejected: [/上传镜像/] },
  { en: 'pull', zh: '拉取', names: /\bpull(s|ed|ing)?\b/i, rejected: [/下载镜像/] },
  { en: 'share', zh: '共享', names: /\bshar(e|es|ed|ing)\b/i, rejected: [/分享/] },
  { en: 'sync', zh: '同步', names: /\bsync(s|ed|ing)?\b/i },
  {
    en: 'retention',
    zh: '老化',
    names: /\bretention\b/i,
    rejected: [/保留策略/, /保留规则/],
  },
  { en: 'policy', zh: '规则', names: /\bpolic(y|ies)\b/i, rejected: [/策略/] },
  { en: 'trigger', zh: '触发器', names: /\btriggers?\b/i },
  { en: 'permission', zh: '权限', names: /\bpermissions?\b/i },
  { en: 'Viewer (console role)', zh: '查看者', names: /\bViewer\b/ },
  { en: 'Operator (console role)', zh: '操作员', names: /\bOperator\b/ },
  { en: 'Admin (console role)', zh: '管理员', names: /\badmins?\b/i },
  { en: 'account', zh: '账号', names: /\baccounts?\b/i, rejected: [/帐号/, /[账帐]户/] },
  { en: 'IAM user', zh: 'IAM 用户', names: /\bIAM users?\b/ },
  { en: 'region', zh: '区域', names: /\bregions?\b/i, rejected: [/地域/] },
  { en: 'login command', zh: '登录指令', names: /\blogin commands?\b/i, rejected: [/登录命令/] },
  { en: 'overview', zh: '总览', names: /\boverview\b/i, rejected: [/概览/] },
  { en: 'filter', zh: '筛选', names: /\bfilter(s|ed)?\b/i, rejected: [/过滤/] },
  { en: 'audit log', zh: '审计日志', names: /\baudit log\b/i },
  { en: 'workload', zh: '工作负载', names: /\bworkloads?\b/i },
  { en: 'enable', zh: '启用', names: /\benabled?\b/i },
  { en: 'disable', zh: '停用', names: /\bdisabled?\b/i, rejected: [/禁用/] },
  { en: 'you', zh: '您', rejected: [/你/] },
];

/**
 * English that names a term in another sense, with why: the Chinese need not use the term there.
 */
const OTHER_SENSE: Record<string, string> = {
  // "tag a local image": docker's verb (the command `docker tag`), not a tag.
  'tags:empty.intro': 'tag',
  'tags:empty.tagStep': 'tag',
};

/** The English as far as it speaks words: no placeholders, no command lines. */
function prose(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\bdocker (tag|push|pull|login)\b/g, ' ')
    .replace(/\b[\w-]+\.[\w.-]+\b/g, ' ');
}

const GLOSSARY_MD = readFileSync(join(import.meta.dirname, '../locales/GLOSSARY.md'), 'utf8');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string of a language, as `namespace:key` with its text (plural forms apart). */
function strings(messages: Record<string, Messages>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        walk(inner, path.endsWith(':') ? `${path}${key}` : `${path}.${key}`);
      }
    }
  };
  for (const [namespace, value] of Object.entries(messages)) walk(value, `${namespace}:`);
  return out;
}

type Messages = Record<string, unknown>;

describe('the glossary (src/locales/GLOSSARY.md)', () => {
  const zh = strings(chinese);
  const en = strings(english);

  it('lists every term the checks below enforce, with the same Chinese', () => {
    const missing = GLOSSARY.filter(
      (term) =>
        !new RegExp(
          `^\\|\\s*${escapeRegExp(term.en)}\\s*\\|\\s*${escapeRegExp(term.zh)}\\s*\\|`,
          'm',
        ).test(GLOSSARY_MD),
    ).map((term) => `${term.en} → ${term.zh}`);
    expect(missing).toEqual([]);
  });

  it('no Chinese string uses a variant the glossary rejects', () => {
    expect(zh.size).toBeGreaterThan(900);
    const found: string[] = [];
    for (const [key, text] of zh) {
      for (const term of GLOSSARY) {
        for (const variant of term.rejected ?? []) {
          const match = variant.exec(text);
          if (match !== null)
            found.push(`${key}: “${match[0]}” for ${term.en} (${term.zh}): ${text}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('a string whose English names a term uses the Chinese term', () => {
    const found: string[] = [];
    for (const [key, english] of en) {
      const text = zh.get(key);
      if (text === undefined) continue;
      const words = prose(english);
      for (const term of GLOSSARY) {
        if (term.names === undefined || !term.names.test(words)) continue;
        if (OTHER_SENSE[key] === term.en) continue;
        if (!(term.named ?? new RegExp(escapeRegExp(term.zh))).test(text)) {
          found.push(`${key}: no ${term.zh} for “${term.en}”: ${english} → ${text}`);
        }
        for (const variant of term.rejectedWhereNamed ?? []) {
          const match = variant.exec(text);
          if (match !== null)
            found.push(`${key}: “${match[0]}” for ${term.en} (${term.zh}): ${text}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('repository categories', () => {
  /** Where a language defines category labels: every object holding a category's key. */
  function tables(messages: Record<string, Messages>): string[] {
    const out: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value !== 'object' || value === null) return;
      const keys = Object.keys(value);
      if (keys.some((key) => key === 'app_server' || key === 'framework_app')) out.push(path);
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    for (const [namespace, value] of Object.entries(messages)) walk(value, namespace);
    return out;
  }

  it('labels each category once, in common, in both languages', () => {
    expect(tables(english)).toEqual(['common.categories']);
    expect(tables(chinese)).toEqual(['common.categories']);
    const labels = (english.common as { categories: Record<string, string> }).categories;
    for (const category of REPOSITORY_CATEGORIES) expect(labels[category], category).toBeTruthy();
  });

  it('the code reads the labels from common', () => {
    const source = join(import.meta.dirname, '..');
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          const text = readFileSync(path, 'utf8');
          for (const call of text.matchAll(/\bt\(\s*`([\w.:-]*)categories\./g)) {
            readers.push(`${relative(source, path)}: ${call[1] ?? ''}categories`);
          }
        }
      }
    };
    walk(source);
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.filter((reader) => !reader.endsWith(': common:categories'))).toEqual([]);
  });
});

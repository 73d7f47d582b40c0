/**
 * Both languages are complete: the same namespaces and keys (plural forms aside), no empty text,
 * the same `{{placeholders}}`, and every literal key the code asks for exists in English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

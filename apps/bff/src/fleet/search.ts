/**
 * Global search's matching and ranking (docs/decisions/0018), on names only: every word of the
 * text must occur in the name, case ignored; among matches, a word that is the whole name ranks
 * first, then one the name starts with, then one that starts a part of it (after `/`, `-`, `_`
 * or `.`), then one anywhere. Equally good matches: the region in view first, the shorter name,
 * then the name in byte order.
 */

/** How well one word matches a name: lower is better; undefined when it does not occur. */
function wordRank(word: string, name: string, path: string): number | undefined {
  if (name === word) return 0;
  if (name.startsWith(word)) return 1;
  const at = path.indexOf(word);
  if (at === -1) return undefined;
  for (let from = at; from !== -1; from = path.indexOf(word, from + 1)) {
    if (from === 0 || '/-_.'.includes(path.charAt(from - 1))) return 2;
  }
  return 3;
}

/** The words of a search text, lowercase; none for blank text. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * How well `words` match a thing called `name` whose full path is `path` (an organization's name
 * is both; a repository's path is `organization/name`): the sum of each word's rank, or undefined
 * when a word does not occur in the path.
 */
export function matchRank(
  words: readonly string[],
  name: string,
  path: string,
): number | undefined {
  const lowerName = name.toLowerCase();
  const lowerPath = path.toLowerCase();
  let total = 0;
  for (const word of words) {
    const rank = wordRank(word, lowerName, lowerPath);
    if (rank === undefined) return undefined;
    total += rank;
  }
  return total;
}

export interface Ranked<T> {
  item: T;
  rank: number;
  region: string;
  path: string;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Best first, the region in view first among equals; the first `limit`. */
export function best<T>(matches: Ranked<T>[], inView: string | undefined, limit: number): T[] {
  const away = (match: Ranked<T>) => (match.region === inView ? 0 : 1);
  return matches
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        away(a) - away(b) ||
        a.path.length - b.path.length ||
        byteOrder(a.path, b.path) ||
        byteOrder(a.region, b.region),
    )
    .slice(0, limit)
    .map((match) => match.item);
}

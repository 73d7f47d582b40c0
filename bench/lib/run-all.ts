/**
 * `pnpm bench`: every `bench:<name>` script of bench/package.json, one after the other (never
 * two at once: they would measure each other), in the order they are listed. A benchmark that
 * misses a goal or fails does not stop the others; the exit code is 1 if any did. To add a
 * benchmark, add its `bench:<name>` script. `pnpm bench memory bff-overhead` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const directory = join(import.meta.dirname, '..');
const { scripts } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const all = Object.keys(scripts)
  .filter((name) => name.startsWith('bench:'))
  .map((name) => name.slice('bench:'.length));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`no benchmark ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  process.exit(2);
}
const chosen = wanted.length === 0 ? all : all.filter((name) => wanted.includes(name));

const outcomes: { name: string; status: number | null; seconds: number }[] = [];
for (const name of chosen) {
  console.log(`\n=== bench:${name} ===`);
  const started = performance.now();
  const run = spawnSync('pnpm', ['run', `bench:${name}`], { cwd: directory, stdio: 'inherit' });
  outcomes.push({ name, status: run.status, seconds: (performance.now() - started) / 1000 });
}
console.log('\n=== summary ===');
for (const outcome of outcomes) {
  const verdict = outcome.status === 0 ? 'ok' : `FAILED (exit ${String(outcome.status)})`;
  console.log(`${outcome.name.padEnd(20)} ${verdict}, ${outcome.seconds.toFixed(0)} s`);
}
if (outcomes.some((outcome) => outcome.status !== 0)) process.exitCode = 1;

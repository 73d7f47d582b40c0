/**
 * The emulator with an in-memory store (`pnpm emulator --memory`), the demo account and the big
 * repository filled in-process before it listens: a child process of its own, so its memory can
 * be read from /proc like the command line's. Prints `ready <url>` when it listens.
 *
 *   node --expose-gc --import tsx bench/lib/seeded-emulator.ts --tags 20000
 *   (the default regions, free ports)
 */
import { parseArgs } from 'node:util';
import { defaultRegions, startEmulator } from '@swr-dashboard/emulator';
import { REGION, fillBigRepository } from './seed';

const { values } = parseArgs({ options: { tags: { type: 'string', default: '20000' } } });
const emulator = await startEmulator({
  config: { database: ':memory:', regions: defaultRegions(0) },
  seed: 'demo',
});
fillBigRepository(emulator, Number(values.tags));
// The fill's garbage collected before it listens (with `--expose-gc`), so its memory is the
// store's, as the emulator on a file filled by another process starts with its store alone.
(globalThis as { gc?: () => void }).gc?.();
const url = emulator.regions.find((region) => region.id === REGION)?.url;
console.log(`ready ${url ?? ''}`);
process.once('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});

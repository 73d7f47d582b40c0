/** Starts the console once for all specs; the returned function stops it. */
import { startConsole } from './stack';

export default async function globalSetup(): Promise<() => Promise<void>> {
  return startConsole();
}

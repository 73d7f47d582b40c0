/** Page tests: jest-dom matchers, English strings, and the network edge faked with msw. */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupI18n } from '../src/lib/i18n';
import { server } from './server';

void setupI18n('en');

// A page's first render waits for its lazy code, its translations and msw; on a busy 2-core CI
// machine that can pass the library's 1 s default. Waits are for state, so a longer limit only
// costs time when something is really wrong.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no modal dialogs; the browser's behaviour that matters here is `open` and `close`.
// (A test of the tooling runs in Node, without a DOM: nothing to add there.)
if (
  typeof HTMLDialogElement !== 'undefined' &&
  typeof HTMLDialogElement.prototype.showModal !== 'function'
) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
}

// A call no handler answers fails the test that made it (msw alone only logs it, and the page
// quietly shows a network error): every call a page makes is one its test expects.
const unhandled: string[] = [];

beforeAll(() => {
  server.listen({
    onUnhandledRequest: (request, print) => {
      unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
      print.error();
    },
  });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  if (typeof localStorage !== 'undefined') localStorage.clear();
  const calls = unhandled.splice(0);
  if (calls.length > 0) {
    throw new Error(`Calls no handler answered: ${[...new Set(calls)].join(', ')}`);
  }
});
afterAll(() => {
  server.close();
});

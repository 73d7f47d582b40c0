import { defineConfig } from 'vitest/config';

// CI asks for a machine-readable summary (see .ci/run); people get the default reporter.
const resultsFile = process.env.VITEST_RESULTS_FILE;

export default defineConfig({
  test: {
    projects: ['packages/swr-client', 'packages/test-support', 'apps/*'],
    ...(resultsFile === undefined
      ? {}
      : { reporters: ['default', 'json'], outputFile: { json: resultsFile } }),
  },
});

/**
 * What the embedded emulator and everything that starts it (the launcher, tests, benchmarks, the
 * load test) agree on, in a package of its own so that no package has to import the emulator app
 * (docs/decisions/0010-emulator-fixtures.md).
 */
export * from './accounts';
export * from './bff-env';

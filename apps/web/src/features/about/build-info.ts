/**
 * The console's build: apps/web's package version and the git commit it was built from, set by
 * Vite's `define` at build time (vite.config.ts). Tests and `vite dev` without them say so.
 */
declare global {
  interface ImportMetaEnv {
    readonly VITE_APP_VERSION?: string;
    readonly VITE_APP_COMMIT?: string;
  }
}

export const BUILD = {
  version: import.meta.env.VITE_APP_VERSION,
  commit: import.meta.env.VITE_APP_COMMIT === '' ? undefined : import.meta.env.VITE_APP_COMMIT,
};

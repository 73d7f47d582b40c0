/**
 * The command lines the image page offers to copy. `path` is the repository as pull commands name
 * it (`<registry>/<namespace>/<repository>`); a digest names the exact image, whatever the tag
 * points at later. skopeo copies one platform of an index unless told `--all`.
 */

/** Where a copy goes: the user puts their own registry and repository there. */
export const COPY_DESTINATION = '<destination>';

export interface ImageCommands {
  pullTag: string;
  pullDigest: string;
  copy: string;
}

export function imageCommands(
  path: string,
  tag: string,
  digest: string,
  index: boolean,
): ImageCommands {
  return {
    pullTag: `docker pull ${path}:${tag}`,
    pullDigest: `docker pull ${path}@${digest}`,
    copy: `skopeo copy${index ? ' --all' : ''} docker://${path}@${digest} docker://${COPY_DESTINATION}`,
  };
}

/** `sha256:0123456789ab…` → `0123456789ab`: the first 12 hex digits, as docker shows them. */
export function shortDigest(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1).slice(0, 12);
}

/** Whether a media type is an index (several platforms' images) rather than one image. */
export function isIndex(mediaType: string): boolean {
  return /image\.index|manifest\.list/.test(mediaType);
}

/** An entrypoint or command as the config holds it: its exec form, each argument quoted. */
export function execForm(args: readonly string[]): string {
  return JSON.stringify(args);
}

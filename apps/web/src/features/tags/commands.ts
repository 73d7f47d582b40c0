/**
 * The command lines the Tags tab offers to copy. A tag's `path` is its full reference
 * (`<registry>/<namespace>/<repository>:<tag>`), which every client accepts as is; containerd's
 * `ctr` needs exactly that (it has no default registry).
 */

export const PULL_CLIENTS = ['docker', 'podman', 'nerdctl', 'containerd'] as const;
export type PullClient = (typeof PULL_CLIENTS)[number];

export function pullCommand(client: PullClient, reference: string): string {
  switch (client) {
    case 'docker':
      return `docker pull ${reference}`;
    case 'podman':
      return `podman pull ${reference}`;
    case 'nerdctl':
      return `nerdctl pull ${reference}`;
    case 'containerd':
      return `ctr image pull ${reference}`;
  }
}

/** `sha256:0123456789ab…` → `0123456789ab`: the first 12 hex digits, as docker shows image ids. */
export function shortDigest(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1).slice(0, 12);
}

/**
 * Pushing a first image: tag a local image with the repository's reference, then push it.
 * `repositoryPath` is the repository's image path (`<registry>/<namespace>/<repository>`).
 */
export function pushCommands(
  repositoryPath: string,
  localImage: string,
  tag: string,
): { tag: string; push: string } {
  const reference = `${repositoryPath}:${tag}`;
  return { tag: `docker tag ${localImage} ${reference}`, push: `docker push ${reference}` };
}

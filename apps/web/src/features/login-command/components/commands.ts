/**
 * The login command for other clients. SWR sends `docker login -u <user> -p <password>` and the
 * registry host; podman, nerdctl and a Kubernetes pull secret take the same three values.
 */
import type { LoginCommand } from '@swr-dashboard/swr-client/browser';

export const CLIENTS = [
  'docker',
  'dockerStdin',
  'podman',
  'podmanStdin',
  'nerdctl',
  'kubectl',
] as const;
export type Client = (typeof CLIENTS)[number];

export const MASK = '••••••••••••';

export interface Credentials {
  user: string;
  password: string;
}

/** The user and password inside SWR's `docker login -u … -p …`, if it has that form. */
export function credentialsOf(headerCommand: string): Credentials | undefined {
  const match = /(?:^|\s)-u\s+(\S+)\s+-p\s+(\S+)/.exec(headerCommand);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { user: match[1], password: match[2] };
}

/** A word as a POSIX shell reads it: bare when safe, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A pull secret's default name: `swr-<region>`. */
export function secretName(region: string): string {
  return `swr-${region}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/**
 * Each client's command, the password replaced by {@link MASK} when `masked`. Docker's is SWR's
 * own command. The `…Stdin` forms give the password on standard input (`--password-stdin`), so it
 * is not on the client's command line (visible to `ps`) and docker does not warn about it.
 * Without parsable credentials only SWR's command is known (masked whole).
 */
export function commandsFor(
  login: LoginCommand,
  region: string,
  masked: boolean,
): Partial<Record<Client, string>> {
  const credentials = credentialsOf(login.headerCommand);
  if (credentials === undefined) {
    return { docker: masked ? MASK : login.command };
  }
  const user = shellWord(credentials.user);
  const secret = masked ? MASK : shellWord(credentials.password);
  const host = shellWord(login.registry);
  return {
    docker: masked ? `docker login -u ${user} -p ${secret} ${host}` : login.command,
    dockerStdin: `printf '%s' ${secret} | docker login -u ${user} --password-stdin ${host}`,
    podman: `podman login -u ${user} -p ${secret} ${host}`,
    podmanStdin: `printf '%s' ${secret} | podman login -u ${user} --password-stdin ${host}`,
    nerdctl: `nerdctl login -u ${user} -p ${secret} ${host}`,
    kubectl: [
      `kubectl create secret docker-registry ${secretName(region)}`,
      `  --docker-server=${host}`,
      `  --docker-username=${user}`,
      `  --docker-password=${secret}`,
    ].join(' \\\n'),
  };
}

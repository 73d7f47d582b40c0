/**
 * What is inside a tag's image (issue 17): its media type, an index's platforms, the layers
 * with their sizes, the config (created, entrypoint, command, the names of its environment
 * variables, labels, exposed ports), the total size, and how to pull it. SWR keeps each tag's
 * manifest: layers and sizes come from there. The config, and an index's platform images, are
 * read from the registry by the BFF with a login of its own key, read-only, when it is set up to
 * (`REGISTRY_READ`); otherwise they are absent and `registry` says why.
 */
import { namespaceName, repositoryName, tagName } from '../names';
import { z } from '../zod';
import { bffEndpoint } from './define';

/** `os/architecture` or `os/architecture/variant`, as an index's platforms name them. */
export const PLATFORM_PATTERN = /^[a-z0-9_.-]{1,32}\/[a-z0-9_.-]{1,32}(?:\/[a-z0-9_.-]{1,32})?$/;

export const imageQuery = z.strictObject({
  namespace: namespaceName,
  repository: repositoryName,
  tag: tagName,
  /** For an index: the platform to open; absent: its first. */
  platform: z.optional(
    z.string().check(z.regex(PLATFORM_PATTERN, { error: 'use os/architecture, e.g. linux/arm64' })),
  ),
});

export const imageLayer = z.object({ digest: z.string(), size: z.number(), mediaType: z.string() });
export type ImageLayer = z.infer<typeof imageLayer>;

export const imageConfig = z.object({
  digest: z.string(),
  /** When the image was built (ISO), if its config says. */
  created: z.nullable(z.string()),
  platform: z.string(),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workingDir: z.string(),
  user: z.string(),
  /** The names only: values may hold secrets. */
  envNames: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  exposedPorts: z.array(z.string()),
});
export type ImageConfig = z.infer<typeof imageConfig>;

export const imageDetails = z.object({
  tag: z.string(),
  /** The tag's manifest digest (an index's, for a multi-platform image). */
  digest: z.string(),
  mediaType: z.string(),
  /** An index's platforms, each with its image's manifest digest; empty for one image. */
  platforms: z.array(z.object({ platform: z.string(), digest: z.string() })),
  /** The image shown: the tag's, or the chosen platform's; null when it could not be read. */
  image: z.nullable(
    z.object({
      platform: z.nullable(z.string()),
      digest: z.string(),
      mediaType: z.string(),
      layers: z.array(imageLayer),
      /** The config's and the layers' sizes (compressed, as pulled). */
      size: z.number(),
      /** Null unless the registry was read. */
      config: z.nullable(imageConfig),
    }),
  ),
  /** Whether the registry was read: `read`, `off` (not set up), or `failed` (it could not be). */
  registry: z.enum(['read', 'off', 'failed']),
  /** The repository as pull commands name it (`host/namespace/repository`). */
  path: z.string(),
});
export type ImageDetails = z.infer<typeof imageDetails>;

/** `GET /api/images/:region?namespace=&repository=&tag=&platform=`. */
export const imageEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/images/:region',
  query: imageQuery,
  answer: imageDetails,
});

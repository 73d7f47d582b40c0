# syntax=docker/dockerfile:1
# The swr-dashboard image (docs/deployment.md): the release folder of `pnpm build`
# (scripts/release.ts) on Node 20, run as an unprivileged user on a read-only root filesystem.
#
#   docker build -t swr-dashboard:0.1.0 .
#
# Pinned by exact tag (no digest: it was written where no image could be pulled; pin the digest
# in your registry's mirror if your policy asks for it).

# Build stage: the full Debian image has the compiler and Python that better-sqlite3's native
# build needs when pnpm's store has no build of it.
FROM node:20.20.2-bookworm AS build
ENV npm_config_nodedir=/usr/local \
    CI=true
RUN npm install --global pnpm@10.34.9
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile
# The same script `pnpm build` runs and apps/bff/test/release.test.ts exercises.
RUN pnpm build

# Run stage: only the release folder, owned by root and not writable by the user that runs it.
FROM node:20.20.2-bookworm-slim
# npm, npx and corepack are not needed to run the release: fewer tools for an intruder.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
  && mkdir -p /var/lib/swr-dashboard \
  && chown 1000:1000 /var/lib/swr-dashboard
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    BFF_DATABASE=/var/lib/swr-dashboard/bff.sqlite
WORKDIR /app
COPY --from=build --chown=root:root /src/dist/release /app
# The image's `node` user (uid 1000), by number so that runAsNonRoot can check it.
USER 1000:1000
# The only writable places: the SQLite folder and /tmp, each a volume (or a Kubernetes volume).
VOLUME ["/var/lib/swr-dashboard", "/tmp"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--max-old-space-size=256", "--initial-old-space-size=64", "main.mjs"]

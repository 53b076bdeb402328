# syntax=docker/dockerfile:1
# Minyi Hub production image: build with dev dependencies, run with production dependencies only,
# as the unprivileged `node` user, with `node` itself as PID 1's command (signals reach the hub).
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Build: all dependencies (SWC, TypeScript types), then dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json mikro-orm.config.ts ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
COPY connectors ./connectors
COPY bench ./bench
RUN node scripts/build.mjs

# 2. Production dependencies only (no jest, no TypeScript, no type packages).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    MINYI_DATA_DIR=/var/lib/minyi
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root schema ./schema
RUN mkdir -p /var/lib/minyi && chown node:node /var/lib/minyi
USER node
EXPOSE 4000
# /healthz: the process is up and its database reachable; /readyz is for load balancers.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]

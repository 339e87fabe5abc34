# Context Hub: one image for every role (HUB_ROLE=api, worker or all) and for the sandbox.
# docs/containers.md says how to run it, on compose and on Kubernetes.

# --- build: compile TypeScript, then keep only the production dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and msgpackr-extract compile native code when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY connectors ./connectors
COPY sandbox ./sandbox
RUN npm run build && npm prune --omit=dev

# --- run: production dependencies, the build and what it reads at run time; not root ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node mappings ./mappings
COPY --chown=node:node playbooks ./playbooks
COPY --chown=node:node apps/card ./apps/card
COPY --chown=node:node apps/console ./apps/console
COPY --chown=node:node config ./config
USER node
EXPOSE 3000
# The liveness probe: the process answers HTTP (Redis or vendors being down does not fail it).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# HUB_CONFIG names the config file (mount it); without one the hub refuses to start.
CMD ["node", "dist/src/main.js"]

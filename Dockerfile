# One image for every cim app. The Kubernetes manifests (k8s/) choose the app by its command:
#   node dist/apps/im-server/apps/im-server/src/main.js
#   node dist/apps/route-gateway/apps/route-gateway/src/main.js
#   node dist/apps/admin/apps/admin/src/main.js
# Without a command it runs the embedded all-in-one mode (route-gateway + one im-server, in memory).
#
#   docker build -t cim:dev .
#
# Node.js 24 LTS, pinned to one release: both stages use it, and .ci/run runs the test suite on the
# same release (scripts/install-node.sh reads it from here).
ARG NODE_VERSION=24.22.3

# Build stage: installs every dependency (plain JavaScript: nothing is compiled at install), builds
# dist/, then drops the development dependencies; the runtime stage copies what is left.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY scripts ./scripts
COPY proto ./proto
COPY libs ./libs
COPY apps ./apps
# dist/apps/<app>/apps/<app>/src/main.js for every app, with proto/ copied beside each.
RUN npm run build \
 && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
# The user the manifests run as (runAsUser 10001); it owns nothing in the image, which the pods mount
# read-only anyway.
RUN groupadd --system --gid 10001 cim \
 && useradd --system --uid 10001 --gid cim --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin cim
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 10001:10001
# route-gateway HTTP, RPC and internal (health, metrics), admin HTTP and internal, im-server client, RPC and HTTP (health, metrics).
EXPOSE 8080 8081 8082 8090 8091 9000 9001 9002
CMD ["node", "dist/apps/embedded/apps/embedded/src/main.js"]

# syntax=docker/dockerfile:1

# Build: compile TypeScript with the dev dependencies, which the runtime image leaves out.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build is the next step.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The development tools (simulator, sinks, demo) are not part of the image.
RUN npm run build && rm -rf dist/dev

# Runtime: production dependencies and the compiled code only.
FROM node:20-bookworm-slim
# V8 tuned for a daemon whose live heap is ~25 MB (as the bin's shebang, src/cli.ts): a capped heap, a
# small young generation and slow heap growth keep RSS near it, and the baseline WebAssembly compiler
# avoids a start-up spike (bench/daemon-rss.ts). Keep in step with bench/support.ts IMAGE_NODE_*.
ENV NODE_ENV=production NODE_OPTIONS="--max-semi-space-size=1 --max-old-space-size=96"
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# Owned by root, run as `node`: the process cannot rewrite its own code.
USER node
# /healthz, /readyz, /metrics. The server listens on 127.0.0.1 unless server.host says otherwise,
# which is enough for the health check below: it runs inside the container.
EXPOSE 9464
# Node's own fetch: the slim image has no curl or wget. DASHWATCH_PORT moves the server in env-only
# mode; a config file that sets server.port needs the same value in DASHWATCH_PORT here.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.DASHWATCH_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Configuration: env-only by default (see .env.example), or mount a file at
# /app/config/dashwatch.yaml (or set DASHWATCH_CONFIG).
CMD ["node", "--optimize-for-size", "--liftoff-only", "dist/cli.js", "start"]

# Multi-stage build on Node 22 LTS. .ci/docker-steps runs these same steps in CI (no Docker engine there).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
# Production fails closed: without LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN the app refuses to start
# (unless PREVIEW=1 is set on purpose), so a deploy that lost its secrets never turns healthy.
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY flows ./flows
COPY data ./data
COPY preview ./preview
COPY first-step ./first-step
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM lets in-flight events finish before the process exits.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]

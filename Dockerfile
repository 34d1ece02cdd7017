# Journeyroom: multi-stage build on node:20-slim; runs as the non-root `node` user with /data as a volume.
# Build:  docker build -t journeyroom .
# Run:    docker run -p 3000:3000 -v journeyroom-data:/data journeyroom

FROM node:20-slim AS build
# sqlite3 compiles its native addon from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The build also starts the server once to make V8's code cache of it (scripts/warm-start-cache.mjs): the
# runtime user cannot write dist/, and the same node:20-slim reads the cache this one makes.
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same server `npm start` runs once built; node as PID 1 receives SIGTERM and flushes before exit.
CMD ["node", "dist/server/main.js"]

# coaching-bot — production image.
# Node 22 LTS: Node 20 reached its end of life in April 2026 (the code itself still runs on Node 20 and later).
# Build:  docker build -t coaching-bot .
# Run:    docker run -d --name coaching-bot -p 3000:3000 -v coaching-bot-data:/data \
#           -v "$PWD/programme.yml:/config/programme.yml:ro" -e PROGRAMME_FILE=/config/programme.yml \
#           --env-file coaching-bot.env coaching-bot

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is a native module: when no prebuilt binary fits, npm compiles it with these.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The dependencies first, in a layer of their own that a change of the code does not invalidate. Their scripts wait
# (`prepare`, which builds, needs src/): only better-sqlite3's, which fetches or compiles its binary, runs here.
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# TypeScript compiled into dist/, then the development packages (tsx, the test tools) removed — TypeScript itself stays,
# an optional peer of @mattermost/client — of the design system only what the pages load (dist/) and its licence,
# and of the DejaVu fonts the two that the committee pack's PDF embeds.
RUN npm run build \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && find node_modules/@gouvfr/dsfr -mindepth 1 -maxdepth 1 \
    ! -name dist ! -name package.json ! -name LICENSE.md -exec rm -rf {} + \
  && find node_modules/dejavu-fonts-ttf/ttf -type f ! -name DejaVuSans.ttf ! -name DejaVuSans-Bold.ttf -delete

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/coaching-bot.db
WORKDIR /app
# The compiled bot and its production dependencies; no TypeScript sources, no TypeScript loader.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY drizzle ./drizzle
COPY examples ./examples
COPY programme.schema.json manifest.yml LICENSE ./
# The database lives on a volume that only the unprivileged `node` user of the base image can read (personal data);
# the code stays owned by root.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) stops the bot cleanly: docker waits 10 s by default, the bot exits before.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=4", "bin/coaching-bot.js", "start"]

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
# tsx, which runs the TypeScript sources, is a runtime dependency: the development tools are not needed.
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY examples ./examples
COPY tsconfig.json programme.schema.json manifest.yml LICENSE ./

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/coaching-bot.db
WORKDIR /app
COPY --from=build /app /app
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

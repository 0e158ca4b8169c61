# syntax=docker/dockerfile:1.7
# Build: docker build -t dialtone:0.1.0 .
# The runtime image holds production dependencies and built output only, runs as a non-root user
# and works with a read-only root filesystem (it writes nothing but what --data-dir names).

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY shared shared
COPY server server
COPY client client
# Source maps stay out of the image: they would triple its client files and help no one in production.
RUN npm run build \
  && find client/dist server/dist shared/dist -name '*.map' -delete

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --no-audit --no-fund -w @dialtone/shared -w @dialtone/server \
  && npm cache clean --force
COPY --from=build /src/shared/dist shared/dist
COPY --from=build /src/shared/crds shared/crds
COPY --from=build /src/server/dist server/dist
COPY --from=build /src/server/bin server/bin
COPY --from=build /src/client/dist client/dist
USER node
EXPOSE 7300
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7300/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "server/bin/dialtone.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "7300"]

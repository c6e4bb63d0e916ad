# One image for both roles: the web app (default) and the grading worker (`worker`).
#   docker build -t hirekit .                                   (npm ci from the registry)
#   docker build --build-arg DEPS=context --build-arg BASE_IMAGE=hirekit/runtime-node:20 -t hirekit .
#     (no registry: the context's node_modules, pruned to production dependencies)
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS build
USER root
WORKDIR /app
ARG DEPS=registry
COPY . .
RUN if [ "$DEPS" = "registry" ]; then npm ci; fi \
 && if [ ! -d app/generated/prisma ]; then PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx prisma generate; fi \
 && npm run build \
 && npm prune --omit=dev

FROM ${BASE_IMAGE}
USER root
WORKDIR /app
RUN (id -u hirekit >/dev/null 2>&1 || useradd --system --uid 10101 --home-dir /app hirekit) \
 && mkdir -p /data && chown hirekit /data
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/assessments ./assessments
COPY --from=build /app/docker-entrypoint.sh ./docker-entrypoint.sh
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data ASSESSMENTS_DIR=/app/assessments PROBER_BUNDLE_DIR=/app/build/prober
USER hirekit
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["sh", "/app/docker-entrypoint.sh"]
CMD ["web"]

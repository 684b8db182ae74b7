# The reconciler image: built in one stage, run as a non-root user from a slim Node runtime.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY constructs ./constructs
COPY ui ./ui
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/build ./build
COPY bin ./bin
# 65532 is the "nonroot" user the platform Deployment's securityContext expects.
USER 65532:65532
ENTRYPOINT ["node", "bin/streamspace.js"]
CMD ["reconcile"]

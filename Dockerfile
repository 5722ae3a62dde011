# One image for all five apps and the migration step; docker-compose.yml picks
# the process with `command:`. Build stage compiles; the runtime stage carries
# only production dependencies and the compiled output.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# sources only: .dockerignore keeps out node_modules, builds and local files
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# the site's and the desk's templates and assets, found from the repository root at run time
COPY --from=build /app/libs/html/web ./libs/html/web
USER node
# the gateway by default; the other apps and the migration override this
CMD ["node", "dist/apps/gateway/src/main.js"]

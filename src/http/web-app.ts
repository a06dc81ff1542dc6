import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { html } from "./html.js";

/** dist/web at the repository root, both from src/http (tsx) and dist/http (compiled). */
export const defaultWebRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "dist",
  "web",
);

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const notBuiltPage = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Dashboard not built · Partner NPS</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; }
      code { background: #f1f3f5; padding: 0.1rem 0.3rem; border-radius: 4px; }
    </style>
  </head>
  <body>
    <h1>The dashboard is not built</h1>
    <p>The server is running, but the web dashboard has not been built yet. Run <code>npm run build:web</code>
      (or <code>npm run build</code>) in the installation folder, then reload this page.</p>
    <p>The API at <code>/api/v1</code> works without it.</p>
  </body>
</html>`.toString();

/**
 * Serves the single-page dashboard at /app/: files from the Vite build, index.html for every other
 * /app/* path (history routing), hashed assets cached for a year, index.html always revalidated.
 */
export async function registerWebApp(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? defaultWebRoot;
  const indexFile = path.join(root, "index.html");

  app.get("/app", async (_request, reply) => reply.redirect("/app/", 301));

  await app.register(
    async (web) => {
      // Checked per request so a build made after start-up is picked up without a restart.
      web.addHook("onRequest", async (_request, reply) => {
        if (!existsSync(indexFile)) return sendNotBuilt(reply);
      });
      await web.register(fastifyStatic, {
        root,
        prefix: "/",
        index: false,
        wildcard: true,
        cacheControl: false,
        preCompressed: true,
        suppressWarning: true,
        setHeaders: (reply, filePath) => {
          const relative = path.relative(root, filePath).split(path.sep).join("/");
          reply.header("cache-control", relative.startsWith("assets/") ? IMMUTABLE : REVALIDATE);
          reply.header("x-content-type-options", "nosniff");
        },
      });
      // The app's root is a directory; answer it with the page rather than the static plugin's 403.
      web.route({
        method: ["GET", "HEAD"],
        url: "/",
        prefixTrailingSlash: "slash",
        handler: async (_request, reply) => reply.header("cache-control", REVALIDATE).sendFile("index.html"),
      });
      web.setNotFoundHandler(async (request, reply) => {
        const url = request.url.split("?")[0] ?? "";
        // A missing script or image must stay a 404: answering HTML there would hide a broken deploy.
        const looksLikeFile = url.startsWith("/app/assets/") || /\.[a-z0-9]{1,8}$/i.test(url);
        if ((request.method === "GET" || request.method === "HEAD") && !looksLikeFile) {
          return reply.header("cache-control", REVALIDATE).sendFile("index.html");
        }
        return reply
          .status(404)
          .send({ error: { code: "not_found", message: `No file for ${request.method} ${url}` } });
      });
    },
    { prefix: "/app" },
  );
}

function sendNotBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .status(503)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(notBuiltPage);
}

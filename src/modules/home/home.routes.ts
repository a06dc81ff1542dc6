import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";

/**
 * The root only points browsers at the web app: it shows nothing itself, because everything about an
 * organization needs a signed-in user (setup and sign-in live in the app, on /api/v1/setup and /auth).
 */
export function registerHomeRoutes(app: FastifyInstance, _context: AppContext): void {
  app.get("/", async (_request, reply) => reply.redirect("/app/", 302));
}

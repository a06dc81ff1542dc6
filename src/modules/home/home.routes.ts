import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ConflictError } from "../../core/errors.js";
import { parseInput } from "../../core/validation.js";
import type { AppContext } from "../../http/context.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { listOrganizations } from "../organizations/organization.repository.js";
import { renderFirstRun, renderHome } from "./home.page.js";
import { summarizeOrganizations } from "./home.service.js";

const demoFormSchema = z.object({ seed: z.coerce.number().int().min(1).max(1_000_000).default(1) });

export function registerHomeRoutes(app: FastifyInstance, context: AppContext): void {
  app.get("/", async (_request, reply) => {
    const summaries = await summarizeOrganizations(context.database.db);
    reply.type("text/html; charset=utf-8");
    return summaries.length === 0 ? renderFirstRun() : renderHome(summaries);
  });

  // Only an empty installation may be seeded from the browser: the first-run page has no sign-in yet.
  app.post("/setup/demo", async (request, reply) => {
    const { seed } = parseInput(demoFormSchema, request.body ?? {}, "form");
    if ((await listOrganizations(context.database.db)).length > 0) {
      throw new ConflictError(
        "This installation already has an organization; use `partner-nps demo` from the CLI",
      );
    }
    await loadDemoOrganization(context.database, { seed, clock: context.clock });
    return reply.redirect("/", 303);
  });
}

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isoNow } from "../../core/clock.js";
import { parseInput } from "../../core/validation.js";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { attachmentHeader, exportContentTypes, exportFormats } from "../exports/table-export.js";
import { explorerQueryFromUrl } from "./response-explorer.js";
import { exportResponses, listResponses } from "./response-explorer.service.js";
import { responseExportStream } from "./response-export.js";

type Query = { Querystring: Record<string, string | string[] | undefined> };
const formatQuery = z.object({ format: z.enum(exportFormats).default("csv") });

/** The responses explorer: a filtered, searchable page, and the same filter as a CSV/XLSX download. */
export function registerResponseExplorerRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<Query>("/api/v1/responses", async (request) => {
    const query = explorerQueryFromUrl(request.query);
    return listResponses(serviceContext(context, request, "read"), query);
  });
  app.get<Query>("/api/v1/responses/export", async (request, reply) => {
    const { format } = parseInput(formatQuery, { format: request.query.format }, "query");
    const query = explorerQueryFromUrl(request.query);
    const service = serviceContext(context, request, "read");
    // Parsing happens here, before the first byte, so a bad filter is a 400 and not a broken file.
    const batches = exportResponses(service, query);
    const day = isoNow(context.clock).slice(0, 10);
    return reply
      .header("content-type", exportContentTypes[format])
      .header("content-disposition", attachmentHeader(`responses-${day}`, format))
      .send(responseExportStream(format, batches));
  });
}

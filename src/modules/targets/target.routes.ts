import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { createBenchmark, deleteBenchmark, listBenchmarks } from "../benchmarks/benchmark.service.js";
import { changeSettings, readSettings } from "../organizations/settings.service.js";
import { createTarget, deleteTarget, listTargets } from "./target.service.js";

type IdParams = { Params: { id: string } };

/** Targets, benchmarks and the organization's analytics settings (bands, role weights, method). */
export function registerTargetRoutes(app: FastifyInstance, context: AppContext): void {
  app.get("/api/v1/targets", async (request) => listTargets(serviceContext(context, request, "read")));
  app.post("/api/v1/targets", async (request, reply) =>
    reply.status(201).send(await createTarget(serviceContext(context, request, "write"), request.body)),
  );
  app.delete<IdParams>("/api/v1/targets/:id", async (request) =>
    deleteTarget(serviceContext(context, request, "write"), request.params.id),
  );

  app.get("/api/v1/benchmarks", async (request) => listBenchmarks(serviceContext(context, request, "read")));
  app.post("/api/v1/benchmarks", async (request, reply) =>
    reply.status(201).send(await createBenchmark(serviceContext(context, request, "write"), request.body)),
  );
  app.delete<IdParams>("/api/v1/benchmarks/:id", async (request) =>
    deleteBenchmark(serviceContext(context, request, "write"), request.params.id),
  );

  app.get("/api/v1/settings", async (request) => readSettings(serviceContext(context, request, "read")));
  app.patch("/api/v1/settings", async (request) =>
    changeSettings(serviceContext(context, request, "admin"), request.body),
  );
}

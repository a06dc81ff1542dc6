import type { FastifyError, FastifyInstance } from "fastify";
import { DomainError } from "../core/errors.js";

const statusByCode: Record<string, number> = {
  validation_failed: 400,
  invalid_score: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** The one place errors become HTTP: `{error: {code, message, details}}`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const status = statusByCode[error.code] ?? 400;
      return reply
        .status(status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply.status(400).send({
        error: {
          code: "validation_failed",
          message: fastifyError.message,
          details: fastifyError.validation,
        },
      });
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      return reply
        .status(fastifyError.statusCode)
        .send({ error: { code: fastifyError.code ?? "bad_request", message: fastifyError.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send({ error: { code: "internal", message: "Something went wrong on our side" } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: "not_found", message: `No route for ${request.method} ${request.url}` } }),
  );
}

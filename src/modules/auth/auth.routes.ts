import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { parseInput } from "../../core/validation.js";
import type { AppContext } from "../../http/context.js";
import { UnauthenticatedError } from "../api-keys/api-key.service.js";
import { signInWithPassword } from "./login.service.js";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.service.js";
import { deleteSession } from "./session.repository.js";
import { SESSION_COOKIE, SESSION_HOURS } from "./session.service.js";
import { needsSetup, runSetup } from "./setup.service.js";
import { emailSchema, passwordSchema } from "./user.js";

const loginSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(1024),
  organization: z.string().trim().min(1).max(100).optional(),
});
const resetRequestSchema = z.strictObject({ email: emailSchema });
const resetConfirmSchema = z.strictObject({ token: z.string().min(1).max(200), password: passwordSchema });

function setSessionCookie(context: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: context.config.publicUrl.startsWith("https://"),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Reachable without a session: first-run setup, sign-in and password reset. */
export function registerPublicAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context.database;

  app.get("/api/v1/setup", async () => ({ needsSetup: await needsSetup(db) }));

  app.post("/api/v1/setup", async (request, reply) => {
    const { token, view } = await runSetup(context.database, request.body, context.clock);
    setSessionCookie(context, reply, token);
    return reply.status(201).send(view);
  });

  app.post("/api/v1/auth/login", async (request, reply) => {
    const input = parseInput(loginSchema, request.body, "sign-in");
    const { token, view } = await signInWithPassword(db, { ...input, ip: request.ip }, context.clock);
    setSessionCookie(context, reply, token);
    return view;
  });

  // Always 202 and the same body, so the answer never tells whether an account exists.
  app.post("/api/v1/auth/password-reset", async (request, reply) => {
    const { email } = parseInput(resetRequestSchema, request.body, "password reset");
    await requestPasswordReset(db, email, context.clock);
    return reply.status(202).send({});
  });

  app.post("/api/v1/auth/password-reset/confirm", async (request, reply) => {
    const input = parseInput(resetConfirmSchema, request.body, "password reset");
    await confirmPasswordReset(db, input, context.clock);
    return reply.status(204).send();
  });
}

/** Behind the authentication hook: the current session and signing out. */
export function registerSessionRoutes(app: FastifyInstance, context: AppContext): void {
  app.get("/api/v1/auth/session", async (request) => {
    if (!request.authSession) throw new UnauthenticatedError("No browser session (API keys have none)");
    return request.authSession.view;
  });

  app.post("/api/v1/auth/logout", async (request, reply) => {
    const session = request.authSession;
    if (session)
      await deleteSession(context.database.db, session.view.organization.organizationId, session.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });
}

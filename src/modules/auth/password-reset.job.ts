import { z } from "zod";
import { type Config, config as processConfig } from "../../config.js";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobResult } from "../jobs/job.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { type Mailer, sharedMailer } from "../mail/mailer.js";
import { renderPasswordResetEmail } from "./password-reset.email.js";
import { findResetForMail } from "./password-reset.repository.js";
import { PASSWORD_RESET_JOB, resetToken } from "./password-reset.service.js";

const payloadSchema = z.object({ resetId: z.string().min(1) });

type MailConfig = Pick<Config, "smtpUrl" | "outboxDir" | "publicUrl"> & { mailFrom?: string | null };

/** Registers `auth.password-reset`: mails the link of one reset unless it was used or expired meanwhile. */
export function registerPasswordResetJob(
  runner: JobRunner,
  context: { database: AppDatabase; clock: Clock; config?: MailConfig },
  options: { mailer?: Mailer } = {},
): void {
  const settings: MailConfig = context.config ?? processConfig;
  const mailer = options.mailer ?? sharedMailer(settings);
  runner.register<z.infer<typeof payloadSchema>>(
    PASSWORD_RESET_JOB,
    async ({ job, payload }): Promise<JobResult> => {
      const row = await findResetForMail(context.database.db, job.organization_id, payload.resetId);
      if (!row) return { skipped: "reset_not_found" };
      if (row.used_at !== null) return { skipped: "used" };
      if (row.expires_at <= context.clock.now().toISOString()) return { skipped: "expired" };
      if (!row.invitation_secret) throw new Error(`Organization ${job.organization_id} has no secret`);
      const mail = renderPasswordResetEmail({
        organizationId: job.organization_id,
        resetId: row.reset_id,
        token: resetToken(job.organization_id, row.invitation_secret, row.reset_id),
        email: row.email,
        name: row.name,
        companyName: row.company_name,
        firstPassword: row.password_hash === null,
        publicUrl: settings.publicUrl,
        fromAddress: settings.mailFrom ?? null,
      });
      const sent = await mailer.send(mail);
      return { sent: true, messageId: sent.messageId };
    },
    (payload) => payloadSchema.parse(payload),
  );
}

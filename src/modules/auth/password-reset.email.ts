import { html } from "../../http/html.js";
import { mailDomain } from "../mail/invitation-email.js";
import { oneLine } from "../mail/mail-address.js";
import type { OutgoingMail } from "../mail/mailer.js";

export interface PasswordResetMailInput {
  organizationId: string;
  resetId: string;
  token: string;
  email: string;
  name: string;
  companyName: string;
  /** A new account without a password yet gets "set your password" instead of "reset". */
  firstPassword: boolean;
  publicUrl: string;
  fromAddress?: string | null;
}

export function renderPasswordResetEmail(input: PasswordResetMailInput): OutgoingMail {
  const link = `${input.publicUrl}/app/reset-password?token=${encodeURIComponent(input.token)}`;
  const domain = mailDomain(input.publicUrl);
  const company = oneLine(input.companyName);
  const subject = input.firstPassword
    ? `Set your password for ${company} Partner NPS`
    : `Reset your ${company} Partner NPS password`;
  const intro = input.firstPassword
    ? "An account was created for you. Choose your password with this link:"
    : "Someone (hopefully you) asked to reset your password. Choose a new one with this link:";
  const outro = "The link works once, for one hour. If you did not ask for it, ignore this mail.";
  return {
    from: { name: company, address: input.fromAddress ?? `no-reply@${domain}` },
    to: { name: input.name, address: input.email },
    subject,
    text: `Hello ${oneLine(input.name)},\n\n${intro}\n${link}\n\n${outro}\n`,
    html: html`<p>Hello ${input.name},</p><p>${intro}</p><p><a href="${link}">${link}</a></p><p>${outro}</p>`
      .value,
    messageId: `<password-reset.${input.resetId}@${input.organizationId.toLowerCase()}.${domain}>`,
    metadata: { organizationId: input.organizationId },
  };
}

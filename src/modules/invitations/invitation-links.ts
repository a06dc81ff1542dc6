import { invitationToken } from "../../core/tokens.js";

/** The survey page of an invitation, optionally with a score chosen in the email (it still needs confirming). */
export function surveyUrl(publicUrl: string, organizationId: string, token: string, score?: number): string {
  const base = `${publicUrl}/s/${organizationId}/${token}`;
  return score === undefined ? base : `${base}?score=${score}`;
}

/** The unsubscribe page (GET shows a confirmation; POST, also used by one-click List-Unsubscribe, applies it). */
export function unsubscribeUrl(publicUrl: string, organizationId: string, token: string): string {
  return `${publicUrl}/u/${organizationId}/${token}`;
}

export function linksFor(publicUrl: string, organizationId: string, secret: string, invitationId: string) {
  const token = invitationToken(secret, invitationId);
  return {
    token,
    survey: surveyUrl(publicUrl, organizationId, token),
    scores: Array.from({ length: 11 }, (_, score) => surveyUrl(publicUrl, organizationId, token, score)),
    unsubscribe: unsubscribeUrl(publicUrl, organizationId, token),
  };
}

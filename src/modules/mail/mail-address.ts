export interface MailAddress {
  name?: string | null;
  address: string;
}

/** Header text on one line: a line break in user text must never start a new header. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function toNodemailerAddress(address: MailAddress): { name: string; address: string } {
  return { name: oneLine(address.name ?? ""), address: address.address.trim() };
}

import { readFileSync } from "node:fs";
import { parseSigningKeys, type SigningKey } from "../gateway/ticket.js";

export const TICKET_KEYS_HELP =
  "<id>=<base64 of 32 random bytes> (openssl rand -base64 32), the same keys in the API and the gateway";

/** The ticket signing keys from a file or $STREAMSPACE_TICKET_KEYS (the Secret), or undefined if neither is set. */
export function givenTicketKeys(file: string | undefined): SigningKey[] | undefined {
  const text = file ? readFileSync(file, "utf8") : process.env.STREAMSPACE_TICKET_KEYS;
  return text ? parseSigningKeys(text, "ticket signing keys") : undefined;
}

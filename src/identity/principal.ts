/** Who a request acts for, once its cookie or token checked out. */
export interface Principal {
  readonly id: number;
  readonly name: string;
  readonly admin: boolean;
  readonly groups: readonly string[];
  /** How the request proved it: a browser login cookie (CSRF-checked) or a personal API token. */
  readonly via: "cookie" | "token";
  /** What a token may do; a cookie may do everything its user may. */
  readonly scopes: readonly Scope[];
  /** The login session or token id, for logout. */
  readonly credentialId: string;
}

/** `read`: GET anything the user may see. `write`: change things too. Admin routes also need an admin. */
export const SCOPES = ["read", "write"] as const;
export type Scope = (typeof SCOPES)[number];

export interface SessionTable {
  /** sha256 of the cookie token: a leaked database does not leak live sessions. */
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

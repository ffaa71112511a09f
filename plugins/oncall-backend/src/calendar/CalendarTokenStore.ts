/** A user's calendar feed secret, as stored (only its hash). */
export interface StoredCalendarToken {
  userRef: string;
  createdAt: Date;
}

/** Per-user calendar feed secrets, stored as SHA-256 hashes. */
export interface CalendarTokenStore {
  /** Stores the user's secret hash, replacing (and so voiding) any earlier one. */
  replace(userRef: string, tokenHash: string, createdAt: Date): Promise<void>;
  /** Removes the user's secret; answers whether there was one. */
  revoke(userRef: string): Promise<boolean>;
  /** The user whose secret has this hash, if any. */
  findByHash(tokenHash: string): Promise<StoredCalendarToken | undefined>;
}

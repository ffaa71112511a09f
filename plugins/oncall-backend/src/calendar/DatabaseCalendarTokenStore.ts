import { Knex } from 'knex';
import { CalendarTokenStore, StoredCalendarToken } from './CalendarTokenStore';

const TABLE = 'oncall_calendar_tokens';

type TokenRow = {
  user_ref: string;
  token_hash: string;
  created_at: number | string;
};

function fromRow(row: TokenRow): StoredCalendarToken {
  return { userRef: row.user_ref, createdAt: new Date(Number(row.created_at)) };
}

/** {@link CalendarTokenStore} on the plugin's database (table `oncall_calendar_tokens`). */
export class DatabaseCalendarTokenStore implements CalendarTokenStore {
  static create(options: { knex: Knex }): DatabaseCalendarTokenStore {
    return new DatabaseCalendarTokenStore(options.knex);
  }

  private constructor(private readonly db: Knex) {}

  async replace(
    userRef: string,
    tokenHash: string,
    createdAt: Date,
  ): Promise<void> {
    await this.db<TokenRow>(TABLE)
      .insert({
        user_ref: userRef,
        token_hash: tokenHash,
        created_at: createdAt.getTime(),
      })
      .onConflict('user_ref')
      .merge(['token_hash', 'created_at']);
  }

  async revoke(userRef: string): Promise<boolean> {
    const removed = await this.db<TokenRow>(TABLE)
      .where({ user_ref: userRef })
      .delete();
    return removed > 0;
  }

  async findByHash(
    tokenHash: string,
  ): Promise<StoredCalendarToken | undefined> {
    const row = await this.db<TokenRow>(TABLE)
      .where({ token_hash: tokenHash })
      .first();
    return row ? fromRow(row) : undefined;
  }
}

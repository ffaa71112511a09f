import { Knex } from 'knex';
import { SentNotificationStore } from './SentNotificationStore';

const TABLE = 'oncall_notifications_sent';

/** {@link SentNotificationStore} on the plugin's database (`oncall_notifications_sent`). */
export class DatabaseSentNotificationStore implements SentNotificationStore {
  static create(options: { knex: Knex }): DatabaseSentNotificationStore {
    return new DatabaseSentNotificationStore(options.knex);
  }

  private constructor(private readonly db: Knex) {}

  async claim(eventKey: string, topic: string, at: Date): Promise<boolean> {
    // the insert that conflicts on the primary key is the lock: one replica gets the row
    const inserted = await this.db(TABLE)
      .insert({ event_key: eventKey, topic, claimed_at: at.getTime() })
      .onConflict('event_key')
      .ignore()
      .returning('event_key');
    return inserted.length === 1;
  }

  async release(eventKey: string): Promise<void> {
    await this.db(TABLE).where({ event_key: eventKey }).delete();
  }

  async prune(before: Date): Promise<number> {
    return this.db(TABLE).where('claimed_at', '<', before.getTime()).delete();
  }
}

/**
 * The notification events already claimed for sending. A claim is atomic across replicas: of
 * any number of concurrent claims of one event key, exactly one succeeds, also after a restart.
 */
export interface SentNotificationStore {
  /** Claims an event; false when it was claimed before (by this or another replica). */
  claim(eventKey: string, topic: string, at: Date): Promise<boolean>;
  /** Gives up a claim whose sending failed, so that a later check claims and sends it again. */
  release(eventKey: string): Promise<void>;
  /** Forgets claims made before `before`; returns how many went. */
  prune(before: Date): Promise<number>;
}

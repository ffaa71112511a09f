import { StoredPage } from '../HealthStore';

/** A closed P2 page `id` of `teamId`, created (and last updated) at `createdAt`, with `extra` on top. */
export function storedPage(
  id: string,
  teamId: string,
  createdAt: Date,
  extra: Partial<StoredPage> = {},
): StoredPage {
  return {
    id,
    teamId,
    shortId: id,
    key: `alias-${id}`,
    message: `message ${id}`,
    priority: 'P2',
    status: 'closed',
    count: 1,
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

import { Knex } from 'knex';
import {
  OnCallSchedule,
  OnCallTeam,
  OnCallTeamDetails,
  OnCallUser,
} from './OnCallProvider';
import {
  OnCallStore,
  StoredPeriod,
  SyncedTeamData,
  TeamData,
} from './OnCallStore';
import { chunks } from '../lib/chunks';
import {
  CHUNK,
  EscalationRow,
  key,
  parseMembers,
  parseRules,
  PeriodRow,
  ScheduleRow,
  TeamRow,
  toDate,
  toPeriod,
  toSchedule,
  toScheduleRow,
  toUser,
  UserRow,
} from './onCallRows';

/** {@link OnCallStore} on the plugin's knex database (SQLite or PostgreSQL). */
export class DatabaseOnCallStore implements OnCallStore {
  /** A store over the plugin's migrated database client. */
  static create(options: { knex: Knex }): DatabaseOnCallStore {
    return new DatabaseOnCallStore(options.knex);
  }

  private constructor(private readonly db: Knex) {}

  async replaceTeams(
    teams: OnCallTeam[],
    options: { partial?: boolean } = {},
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const existing: Array<{ id: string }> = options.partial
        ? []
        : await tx('oncall_teams').select('id');
      const keep = new Set(teams.map(t => t.id));
      const gone = existing.map(r => r.id).filter(id => !keep.has(id));
      for (const ids of chunks(gone, CHUNK)) {
        const schedules: Array<{ id: string }> = await tx('oncall_schedules')
          .whereIn('team_id', ids)
          .select('id');
        for (const scheduleIds of chunks(
          schedules.map(s => s.id),
          CHUNK,
        )) {
          await tx('oncall_periods')
            .whereIn('schedule_id', scheduleIds)
            .delete();
        }
        await tx('oncall_schedules').whereIn('team_id', ids).delete();
        await tx('oncall_escalations').whereIn('team_id', ids).delete();
        await tx('oncall_teams').whereIn('id', ids).delete();
      }
      for (const batch of chunks(teams, CHUNK)) {
        await tx('oncall_teams')
          .insert(
            batch.map(t => ({ id: t.id, name: t.name, name_key: key(t.name) })),
          )
          .onConflict('id')
          .merge(['name', 'name_key']);
      }
    });
  }

  async listTeams(): Promise<OnCallTeam[]> {
    const rows: TeamRow[] = await this.db('oncall_teams').orderBy('name_key');
    return rows.map(r => ({ id: r.id, name: r.name }));
  }

  async findTeamByName(name: string): Promise<OnCallTeam | undefined> {
    const row: TeamRow | undefined = await this.db('oncall_teams')
      .where({ name_key: key(name) })
      .first();
    return row ? { id: row.id, name: row.name } : undefined;
  }

  async replaceTeamData(
    team: OnCallTeamDetails,
    data: SyncedTeamData,
    syncedAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('oncall_teams')
        .insert({
          id: team.id,
          name: team.name,
          name_key: key(team.name),
          members: JSON.stringify(team.members),
          synced_at: syncedAt,
        })
        .onConflict('id')
        .merge(['name', 'name_key', 'members', 'synced_at']);
      const old: Array<{ id: string }> = await tx('oncall_schedules')
        .where({ team_id: team.id })
        .select('id');
      const scheduleIds = [
        ...new Set([...old.map(s => s.id), ...data.schedules.map(s => s.id)]),
      ];
      for (const ids of chunks(scheduleIds, CHUNK)) {
        await tx('oncall_periods').whereIn('schedule_id', ids).delete();
        await tx('oncall_schedules').whereIn('id', ids).delete();
      }
      // an upsert: the directory's writer (another shard, another replica) may have added
      // these schedules since the delete above
      for (const batch of chunks(data.schedules, CHUNK)) {
        await tx('oncall_schedules')
          .insert(batch.map(s => toScheduleRow(s, team, syncedAt)))
          .onConflict('id')
          .merge();
      }
      const periods = data.timelines.flatMap(timeline =>
        timeline.periods.map(p => ({
          schedule_id: timeline.scheduleId,
          rotation_id: p.rotationId,
          rotation_name: p.rotationName,
          start_at: p.start,
          end_at: p.end,
          recipient_type: p.recipient.type,
          recipient_id: p.recipient.id ?? null,
          recipient_name: p.recipient.name ?? null,
          recipient_key: p.recipient.name ? key(p.recipient.name) : null,
          is_override: p.override,
        })),
      );
      for (const batch of chunks(periods, CHUNK)) {
        await tx('oncall_periods').insert(batch);
      }
      await tx('oncall_escalations').where({ team_id: team.id }).delete();
      for (const batch of chunks(data.escalations, CHUNK)) {
        await tx('oncall_escalations')
          .insert(
            batch.map(e => ({
              id: e.id,
              name: e.name,
              team_id: team.id,
              rules: JSON.stringify(e.rules),
            })),
          )
          .onConflict('id')
          .merge(['name', 'team_id', 'rules']);
      }
    });
  }

  async upsertSchedules(schedules: OnCallSchedule[]): Promise<void> {
    for (const batch of chunks(schedules, CHUNK)) {
      await this.db('oncall_schedules')
        .insert(batch.map(s => toScheduleRow(s, s.ownerTeam, null)))
        .onConflict('id')
        .merge([
          'name',
          'name_key',
          'team_id',
          'team_name',
          'timezone',
          'enabled',
          'rotations',
        ]);
    }
  }

  async getTeamData(teamName: string): Promise<TeamData | undefined> {
    const team: TeamRow | undefined = await this.db('oncall_teams')
      .where({ name_key: key(teamName) })
      .first();
    if (!team || team.synced_at === null) {
      return undefined;
    }
    const schedules: ScheduleRow[] = await this.db('oncall_schedules')
      .where({ team_id: team.id })
      .orderBy('name_key');
    const escalations: EscalationRow[] = await this.db('oncall_escalations')
      .where({ team_id: team.id })
      .orderBy('name');
    return {
      team: {
        id: team.id,
        name: team.name,
        members: parseMembers(team.members),
      },
      schedules: schedules.map(toSchedule),
      escalations: escalations.map(e => ({
        id: e.id,
        name: e.name,
        ownerTeam: { id: team.id, name: team.name },
        rules: parseRules(e.rules),
      })),
      syncedAt: toDate(team.synced_at),
    };
  }

  async findSchedulesByName(names: string[]): Promise<OnCallSchedule[]> {
    // any number of names (they come from a catalog annotation), a bounded query each
    const rows: ScheduleRow[] = [];
    for (const keys of chunks([...new Set(names.map(key))], CHUNK)) {
      rows.push(
        ...(await this.db('oncall_schedules').whereIn('name_key', keys)),
      );
    }
    return rows.map(toSchedule);
  }

  async getPeriods(
    scheduleIds: string[],
    from: Date,
    to: Date,
  ): Promise<StoredPeriod[]> {
    if (scheduleIds.length === 0) {
      return [];
    }
    const rows: PeriodRow[] = await this.db('oncall_periods')
      .whereIn('schedule_id', scheduleIds)
      .where('end_at', '>', from)
      .where('start_at', '<', to)
      .orderBy([{ column: 'start_at' }, { column: 'id' }]);
    return rows.map(toPeriod);
  }

  async getPeriodsForRecipient(
    username: string,
    from: Date,
    to: Date,
  ): Promise<StoredPeriod[]> {
    const rows: PeriodRow[] = await this.db('oncall_periods')
      .where({ recipient_key: key(username) })
      .where('end_at', '>', from)
      .where('start_at', '<', to)
      .orderBy([{ column: 'start_at' }, { column: 'id' }]);
    return rows.map(toPeriod);
  }

  async getPeriodsStarting(from: Date, to: Date): Promise<StoredPeriod[]> {
    const rows: PeriodRow[] = await this.db('oncall_periods')
      .where('start_at', '>=', from)
      .where('start_at', '<=', to)
      .orderBy([{ column: 'start_at' }, { column: 'id' }]);
    return rows.map(toPeriod);
  }

  async listSchedulesPage(
    afterId: string | undefined,
    limit: number,
  ): Promise<OnCallSchedule[]> {
    const query = this.db<ScheduleRow>('oncall_schedules')
      .orderBy('id')
      .limit(limit);
    if (afterId) {
      query.where('id', '>', afterId);
    }
    const rows: ScheduleRow[] = await query;
    return rows.map(toSchedule);
  }

  async getSchedulesByIds(ids: string[]): Promise<OnCallSchedule[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows: ScheduleRow[] = await this.db('oncall_schedules').whereIn(
      'id',
      ids,
    );
    return rows.map(toSchedule);
  }

  async replaceUsers(
    users: OnCallUser[],
    options: { partial?: boolean } = {},
  ): Promise<void> {
    await this.db.transaction(async tx => {
      if (!options.partial) {
        await tx('oncall_users').delete();
      }
      const unique = [...new Map(users.map(u => [u.id, u])).values()];
      for (const batch of chunks(unique, CHUNK)) {
        await tx('oncall_users')
          .insert(
            batch.map(u => ({
              id: u.id,
              username: u.username,
              username_key: key(u.username),
              full_name: u.fullName ?? null,
              email: u.email ?? null,
            })),
          )
          .onConflict('id')
          .merge();
      }
    });
  }

  async getUsers(usernames: string[]): Promise<OnCallUser[]> {
    if (usernames.length === 0) {
      return [];
    }
    const rows: UserRow[] = await this.db('oncall_users')
      .whereIn('username_key', [...new Set(usernames.map(key))])
      .orderBy('username_key');
    return rows.map(toUser);
  }
}

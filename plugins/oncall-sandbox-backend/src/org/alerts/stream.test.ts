import { createDemoOrg } from '../demoOrg';
import { DAY } from '../time';
import { MAX_PAGE_LIFETIME } from './context';
import { pageOrigin } from './ids';
import { PageStream, dayOf } from './stream';
import { SandboxPage } from './types';

const NOW = Date.parse('2026-11-29T12:00:00Z');

function everyPage(stream: PageStream, now: number): SandboxPage[] {
  const window = stream.windowAt(now);
  return stream.teams.flatMap(team =>
    stream.between(team, window.start, window.end),
  );
}

describe('the page stream', () => {
  const org = createDemoOrg({ seed: 42, now: new Date(NOW) });
  const stream = new PageStream(org);
  const pages = everyPage(stream, NOW);

  it('is the same for a seed and a clock, and another for another seed', () => {
    const again = everyPage(
      new PageStream(createDemoOrg({ seed: 42, now: new Date(NOW) })),
      NOW,
    );
    expect(again).toEqual(pages);
    const other = everyPage(
      new PageStream(createDemoOrg({ seed: 43, now: new Date(NOW) })),
      NOW,
    );
    expect(other.map(p => p.id)).not.toEqual(pages.map(p => p.id));
  });

  it('counts every team’s day without building it, and the count is what building gives', () => {
    for (const team of stream.teams) {
      for (let d = dayOf(NOW) - 181; d <= dayOf(NOW) + 1; d++) {
        expect({
          team: team.team.name,
          d,
          n: stream.countDay(team, d),
        }).toEqual({ team: team.team.name, d, n: stream.day(team, d).length });
      }
    }
  });

  it('never has two alerts with one alias open at once (Opsgenie would have de-duplicated them)', () => {
    const byAlias = new Map<string, SandboxPage[]>();
    for (const p of pages) {
      byAlias.set(p.alias, [...(byAlias.get(p.alias) ?? []), p]);
    }
    for (const [alias, same] of byAlias) {
      same.sort((a, b) => a.createdAt - b.createdAt);
      for (let i = 1; i < same.length; i++) {
        expect({
          alias,
          overlaps: same[i].createdAt < same[i - 1].closed!.at,
        }).toEqual({ alias, overlaps: false });
      }
    }
  });

  it('closes every alert within hours, after its last repeat and its acknowledgement', () => {
    for (const p of pages) {
      const closed = p.closed!.at;
      expect(closed - p.createdAt).toBeLessThanOrEqual(MAX_PAGE_LIFETIME);
      expect(p.occurrences[0]).toBe(p.createdAt);
      expect(Math.max(...p.occurrences)).toBeLessThan(closed);
    }
    const acknowledged = pages.filter(p => p.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(pages.length / 2);
    for (const p of acknowledged) {
      expect(p.acknowledged!.at).toBeGreaterThan(p.createdAt);
      expect(p.acknowledged!.at).toBeLessThan(p.closed!.at);
    }
  });

  it('gives every alert a unique id and tiny id that lead back to it', () => {
    expect(new Set(pages.map(p => p.id)).size).toBe(pages.length);
    expect(new Set(pages.map(p => p.tinyId)).size).toBe(pages.length);
    for (const p of pages.filter((_, i) => i % 17 === 0)) {
      expect(stream.find(p.id, 'id', NOW)).toBe(p);
      expect(stream.find(p.tinyId, 'tiny', NOW)).toBe(p);
      expect(pageOrigin(p.id, 'id')).toEqual(pageOrigin(p.tinyId, 'tiny'));
    }
    expect(
      stream.find('70413a06-38d6-4c85-92b8-5ebc900d42e2', 'id', NOW),
    ).toBeUndefined();
    expect(stream.find('1791', 'tiny', NOW)).toBeUndefined();
  });

  it('serves the last 180 days: older alerts are gone, later ones not there yet', () => {
    const oldest = pages.reduce((a, b) => (a.createdAt < b.createdAt ? a : b));
    const later = NOW + 30 * DAY;
    expect(stream.find(oldest.id, 'id', NOW)).toBe(oldest);
    expect(stream.find(oldest.id, 'id', later)).toBeUndefined();
    const tomorrow = stream.teams.flatMap(t => stream.day(t, dayOf(NOW) + 1));
    expect(tomorrow.length).toBeGreaterThan(0);
    expect(stream.find(tomorrow[0].id, 'id', NOW)).toBeUndefined();
    expect(stream.find(tomorrow[0].id, 'id', NOW + 2 * DAY)).toBe(tomorrow[0]);
  });

  it('finds the latest alert with an alias', () => {
    const latest = [...pages]
      .filter(p => p.alias === pages[0].alias)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    expect(stream.findByAlias(pages[0].alias, NOW)).toBe(latest);
    expect(stream.findByAlias('no-such-alias', NOW)).toBeUndefined();
  });
});

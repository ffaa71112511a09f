/*
 * bench:frontend — the demo portal (production build of packages/app served by the backend,
 * sandbox embedded) in headless Chromium: time from navigation to first data on each entity
 * tab (median of 10), both as an in-app navigation (the entity page is open, the route
 * changes to the tab) and as a full page load of the tab's URL; and the plugin's chunk sizes
 * (raw and gzip), found through the build's source maps.
 *
 *   yarn workspace app build && yarn bench:frontend     (BENCH_RUNS=10 CHROMIUM_PATH=/usr/bin/chromium)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { HEADLESS_CHROMIUM_ARGS } from '../install-test/chromiumArgs';
import {
  createRun,
  percentile,
  repoRoot,
  startBackend,
  waitForCatalog,
} from '../harness';
import { printTable, r1, runBench } from './lib';
import { SYNC_TASKS, waitForRunEnd } from './tasks';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ENTITY = '/catalog/default/component/checkout-api';
/** An element each tab renders only once its data arrived. */
const TABS = [
  { tab: 'on-call', marker: '[aria-label="Escalation chain"]' },
  { tab: 'incidents', marker: '[aria-label="Incidents by severity"]' },
  { tab: 'slos', marker: '[aria-label="Error budget remaining"]' },
];
const distDir = join(repoRoot, 'packages', 'app', 'dist', 'static');

/** Chunks of the build that hold the plugin's sources (read from the source maps). */
function pluginChunks() {
  const html = readFileSync(
    join(repoRoot, 'packages', 'app', 'dist', 'index.html'),
    'utf8',
  );
  const chunks = [];
  for (const file of readdirSync(distDir).filter(f => f.endsWith('.js'))) {
    const mapFile = join(distDir, `${file}.map`);
    if (!existsSync(mapFile)) continue;
    const sources: string[] =
      JSON.parse(readFileSync(mapFile, 'utf8')).sources ?? [];
    const own = sources.filter(s => /plugins\/oncall\/src\//.test(s));
    const charts = sources.filter(s =>
      /node_modules\/(recharts|victory-vendor|d3-(scale|shape|path|interpolate|color|array|format|time|time-format|ease))\//.test(
        s,
      ),
    );
    if (own.length === 0 && charts.length === 0) continue;
    const code = readFileSync(join(distDir, file));
    chunks.push({
      file,
      initial: html.includes(file),
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      ownSources: own.length,
      chartSources: charts.length,
      allSources: sources.length,
      sample: (own.length ? own : charts)
        .map(s =>
          s
            .replace(/.*plugins\/oncall\/src\//, '')
            .replace(/.*node_modules\//, ''),
        )
        .slice(0, 3)
        .join(', '),
    });
  }
  return chunks.sort((a, b) => b.raw - a.raw);
}

runBench('frontend', async cleanup => {
  if (!existsSync(join(repoRoot, 'packages', 'app', 'dist', 'index.html'))) {
    throw new Error(
      'packages/app/dist is missing: run `yarn workspace app build` first',
    );
  }
  const chunks = pluginChunks();
  const run = createRun('bench-frontend');
  const backend = await startBackend(run, { name: 'backend' });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, { min: 18 });
  for (const task of SYNC_TASKS) await waitForRunEnd(backend, task, 0);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: HEADLESS_CHROMIUM_ARGS,
  });
  cleanup.push(() => browser.close());
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  // records when each tab's data marker first appears, relative to navigation start
  await context.addInitScript(
    (markers: string[]) => {
      const seen: Record<string, number> = {};
      (
        window as unknown as { __firstData: Record<string, number> }
      ).__firstData = seen;
      const check = () => {
        for (const marker of markers) {
          if (seen[marker] === undefined && document.querySelector(marker)) {
            seen[marker] = performance.now();
          }
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    TABS.map(t => t.marker),
  );
  const page = await context.newPage();
  await page.goto(backend.url);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached', timeout: 60_000 });

  const diagnose = async (error: unknown) => {
    await page
      .screenshot({ path: join(run.dir, 'failure.png') })
      .catch(() => undefined);
    const text = await page
      .evaluate(() => document.body.innerText)
      .catch(() => '');
    throw new Error(
      `${error}\nat ${page.url()}\npage text: ${text.slice(0, 1500)}`,
    );
  };
  const results: Record<string, { inApp: number[]; fullLoad: number[] }> = {};
  for (const { tab, marker } of TABS) {
    results[tab] = { inApp: [], fullLoad: [] };
    for (let i = 0; i < RUNS; i++) {
      // in-app: the entity page is open, the route changes to the tab
      await page.goto(`${backend.url}${ENTITY}`);
      await page
        .getByRole('heading', { name: 'checkout-api' })
        .first()
        .waitFor({ timeout: 60_000 });
      const inApp = await page
        .evaluate(
          ({ path, selector }) =>
            new Promise<number>((resolve, reject) => {
              const t0 = performance.now();
              window.history.pushState({}, '', path);
              window.dispatchEvent(new PopStateEvent('popstate'));
              const check = () => {
                if (document.querySelector(selector))
                  resolve(performance.now() - t0);
                else if (performance.now() - t0 > 60_000)
                  reject(new Error(`no ${selector}`));
                else requestAnimationFrame(check);
              };
              check();
            }),
          { path: `${ENTITY}/${tab}`, selector: marker },
        )
        .catch(diagnose);
      results[tab].inApp.push(inApp);
      // full load of the tab's URL (browser cache warm, as on a revisit)
      await page.goto(`${backend.url}${ENTITY}/${tab}`);
      await page.locator(marker).first().waitFor({ timeout: 60_000 });
      const full = await page.evaluate(
        selector =>
          (window as unknown as { __firstData: Record<string, number> })
            .__firstData[selector],
        marker,
      );
      results[tab].fullLoad.push(full);
    }
  }

  printTable(
    `Navigation → first data, ${ENTITY}/<tab>, headless Chromium, ${RUNS} runs each (ms)`,
    [
      'tab',
      'in-app median',
      'in-app first',
      'in-app max',
      'full load median',
      'full load first',
      'full load max',
    ],
    TABS.map(({ tab }) => {
      const r = results[tab];
      return [
        tab,
        Math.round(percentile(r.inApp, 50)),
        Math.round(r.inApp[0]),
        Math.round(Math.max(...r.inApp)),
        Math.round(percentile(r.fullLoad, 50)),
        Math.round(r.fullLoad[0]),
        Math.round(Math.max(...r.fullLoad)),
      ];
    }),
  );
  printTable(
    'Build chunks holding plugins/oncall/src or the chart library (packages/app/dist/static)',
    [
      'chunk',
      'initial?',
      'raw KiB',
      'gzip KiB',
      'oncall / chart-lib / all sources',
      'some sources',
    ],
    chunks.map(c => [
      c.file,
      c.initial ? 'initial' : 'lazy',
      r1(c.raw / 1024),
      r1(c.gzip / 1024),
      `${c.ownSources}/${c.chartSources}/${c.allSources}`,
      c.sample,
    ]),
  );
  const lazy = chunks.filter(c => !c.initial && c.ownSources > 0);
  const chartLib = chunks.filter(c => !c.initial && c.ownSources === 0);
  process.stdout.write(
    `\nlazy chunks with plugin code: ${lazy.length}, total raw ${r1(
      lazy.reduce((s, c) => s + c.raw, 0) / 1024,
    )} KiB, gzip ${r1(lazy.reduce((s, c) => s + c.gzip, 0) / 1024)} KiB\n` +
      `lazy chart-library chunks (loaded with the charts): ${
        chartLib.length
      }, raw ${r1(
        chartLib.reduce((s, c) => s + c.raw, 0) / 1024,
      )} KiB, gzip ${r1(
        chartLib.reduce((s, c) => s + c.gzip, 0) / 1024,
      )} KiB\n` +
      `logs: ${run.dir}\n`,
  );
});

/// <reference lib="dom" />
// page.evaluate bodies run in the browser, so they are typed with the DOM library.
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { captureIO } from '../../server/src/cli/capturedIO.js';
import { runServeCommand } from '../../server/src/cli/serve.js';
import { endpointFromKubeconfig } from '../../server/src/localcluster/index.js';
import { Client } from './client.js';
import { createTransport, TRANSPORTS } from './clusters.js';
import { count, type Scale } from './scale.js';
import { percentile } from './stats.js';
import { budgetRow, ratioRow, type BenchRow } from './table.js';
import { Unavailable } from './unavailable.js';

/** Two 60 Hz frames: scrolling at 30 fps or better. */
const FRAME_BUDGET_MS = Number((2000 / 60).toFixed(1));

function chromiumPath(): string | undefined {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

/** Milliseconds from navigation until the table announces `rows` rows. */
async function timeToList(page: Page, url: string, rows: number): Promise<number> {
  // A fresh document each time: a hash-only change would not reload the app.
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(`${url}/#/`);
  try {
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[role="table"]')?.getAttribute('aria-rowcount') === String(expected),
      rows + 1,
      { timeout: 60_000 },
    );
  } catch (error) {
    const shown = await page.evaluate(() => ({
      rowcount: document.querySelector('[role="table"]')?.getAttribute('aria-rowcount'),
      text: document.body.innerText.slice(0, 300),
    }));
    throw new Error(
      `the list did not show ${rows} transports within 60 s; it showed ${shown.rowcount ?? 'no table'} rows: ${shown.text}`,
      { cause: error },
    );
  }
  return performance.now() - started;
}

/** Frame times while the list scrolls from top to bottom in 120 steps, one per animation frame. */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const body = document.querySelector('[role="table"] .table-body');
    let scroller: Element | null = body;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
    const target = scroller ?? document.scrollingElement!;
    const frames: number[] = [];
    const steps = 120;
    const step = (target.scrollHeight - target.clientHeight) / steps;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      target.scrollTop = step * i;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  });
}

/**
 * The dashboard's list in Chromium: time until the demo's transports are listed, against the same
 * with many more, and the frame times while scrolling them (the rows are virtualized), held to a budget.
 */
export async function browserBench(scale: Scale): Promise<BenchRow[]> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Unavailable('no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium)');
  }
  const io = captureIO();
  const stop = new AbortController();
  const running = runServeCommand(['--port', '0', '--demo'], io, stop.signal);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  let cluster: Client | undefined;
  try {
    await Promise.race([
      io.waitForOutput(/kubectl --kubeconfig \S+/),
      running.then((code) => {
        throw new Error(`dialtone --demo exited with ${code}: ${io.err() || io.out()}`);
      }),
    ]);
    const url = /Dialtone is serving on (http:\/\/[\d.:]+)/.exec(io.out())?.[1];
    const kubeconfig = /kubectl --kubeconfig (\S+)/.exec(io.out())?.[1];
    if (!url || !kubeconfig) throw new Error(`dialtone did not start: ${io.out()}`);
    cluster = new Client(endpointFromKubeconfig(readFileSync(kubeconfig, 'utf8')));
    const demoRows = (await cluster.json<{ items: unknown[] }>(TRANSPORTS)).items.length;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await timeToList(page, url, demoRows);
    const small = await timeToList(page, url, demoRows);

    for (let i = 0; i < scale.browserRows; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, scale.browserRows - i) }, (_, j) =>
          createTransport(cluster!, `bulk-${i + j}`, 'demo', i + j),
        ),
      );
    }
    // The server's cache follows the watch; the first load waits until it holds every object.
    const total = demoRows + scale.browserRows;
    await timeToList(page, url, total);
    const large = await timeToList(page, url, total);
    const frames = await scrollFrames(page);
    const p95 = percentile(frames, 95);
    return [
      ratioRow({
        name: `dashboard list in Chromium: ${count(total)} transports`,
        figure: `${large.toFixed(0)} ms to listed`,
        against: `${demoRows} transports ${small.toFixed(0)} ms`,
        ratio: large / small,
        max: 4,
        details: { largeMs: large, smallMs: small },
      }),
      budgetRow({
        name: `dashboard list in Chromium: scrolling ${count(total)} rows (p95 frame)`,
        figure: `${p95.toFixed(1)} ms (p50 ${percentile(frames, 50).toFixed(1)} ms)`,
        value: p95,
        budget: FRAME_BUDGET_MS,
        unit: 'ms',
        details: { p50: percentile(frames, 50), p95, frames: frames.length },
      }),
    ];
  } finally {
    cluster?.close();
    await browser.close();
    stop.abort();
    await running;
  }
}

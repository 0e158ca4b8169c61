/// <reference lib="dom" />
// page.evaluate bodies run in the browser, so they are typed with the DOM library.
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { runServeCommand } from '../cli/serve.js';
import { captureIO } from '../cli/capturedIO.js';
import type { BenchRow } from './table.js';

const EXTRA = 10_000;
const FRAME_BUDGET_MS = 1000 / 60;

function chromiumPath(): string | undefined {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds from navigation until the table announces `rows` rows. */
async function timeToList(page: Page, url: string, rows: number): Promise<number> {
  // A fresh document each time: a hash-only change would not reload the app.
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(`${url}/#/`);
  await page.waitForFunction(
    (expected) =>
      document.querySelector('[role="table"]')?.getAttribute('aria-rowcount') === String(expected),
    rows + 1,
    { timeout: 60_000 },
  );
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
 * with 10,000 more, and the frame times while scrolling the 10,000 rows (the rows are virtualized).
 */
export async function browserBench(): Promise<BenchRow[]> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    process.stderr.write('browser benchmark skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium\n');
    return [];
  }
  const io = captureIO();
  const stop = new AbortController();
  const running = runServeCommand(['--port', '0', '--demo'], io, stop.signal);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await io.waitForOutput(/embedded demo cluster at/);
    const url = /Dialtone is serving on (http:\/\/[\d.:]+)/.exec(io.out())?.[1];
    const clusterUrl = /embedded demo cluster at (http:\/\/[\d.:]+)/.exec(io.out())?.[1];
    if (!url || !clusterUrl) throw new Error(`dialtone did not start: ${io.out()}`);
    const list = (await (
      await fetch(`${clusterUrl}/apis/traefik.io/v1alpha1/serverstransporttcps`)
    ).json()) as {
      items: unknown[];
    };
    const demoRows = list.items.length;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await timeToList(page, url, demoRows);
    const small = await timeToList(page, url, demoRows);

    for (let i = 0; i < EXTRA; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          fetch(`${clusterUrl}/apis/traefik.io/v1alpha1/namespaces/demo/serverstransporttcps`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              apiVersion: 'traefik.io/v1alpha1',
              kind: 'ServersTransportTCP',
              metadata: { name: `bulk-${i + j}`, namespace: 'demo' },
              spec: { dialTimeout: `${(i + j) % 50}s` },
            }),
          }),
        ),
      );
    }
    // The server's cache follows the watch; give it a moment to hold every object before timing.
    await timeToList(page, url, demoRows + EXTRA);
    const large = await timeToList(page, url, demoRows + EXTRA);
    const frames = await scrollFrames(page);
    const p95 = percentile(frames, 95);
    return [
      {
        name: `dashboard list in Chromium: ${(demoRows + EXTRA).toLocaleString('en-US')} transports`,
        figure: `${large.toFixed(0)} ms to listed`,
        baseline: `${demoRows} transports ${small.toFixed(0)} ms`,
        ratio: large / small,
        target: '<= 4',
        met: large / small <= 4,
        details: { largeMs: large, smallMs: small },
      },
      {
        name: `dashboard list in Chromium: scrolling ${(demoRows + EXTRA).toLocaleString('en-US')} rows (p95 frame)`,
        figure: `${p95.toFixed(1)} ms`,
        baseline: `one 60 Hz frame ${FRAME_BUDGET_MS.toFixed(1)} ms`,
        ratio: p95 / FRAME_BUDGET_MS,
        target: '<= 2 (30 fps or better)',
        met: p95 / FRAME_BUDGET_MS <= 2,
        details: { p50: percentile(frames, 50), p95, frames: frames.length },
      },
    ];
  } finally {
    await browser.close();
    stop.abort();
    await running;
  }
}

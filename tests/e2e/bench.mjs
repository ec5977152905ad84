// `make bench` (the page half): prints figures for the release dist/, asserts
// nothing. Run through scripts/bench.sh, which builds dist/ first.
//
//   first load   every file the page fetches on a cold load: raw, gzip -9, brotli -11
//   cold load    navigation start to the docker run output painted (Element Timing)
//   click→paint  a mouse click on a directory's checkbox to the next frame after it
//                (measured in the page: the click event's timestamp to a task posted
//                from the following requestAnimationFrame, i.e. after that frame),
//                split into its parts; the same for a click that changes nothing
//                (the frame wait alone) and for tests/e2e/minimal, the least page
//                a toggle can have; nothing but the clicks runs in the page while
//                it is measured
// Each timing runs with no throttling and with 4x CPU throttling (DevTools').
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DIST, launch, ready, serveDir, serveDist } from "./harness.mjs";

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 60);
const REFERENCE = "nginxconfig.io, measured on the same kind of machine";

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const kb = (bytes) => (bytes / 1000).toFixed(1).padStart(7) + " KB";
const ms = (value) => value.toFixed(1).padStart(7) + " ms";

async function throttled(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

async function coldLoad(browser, url, rate) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await throttled(page, rate);
  await page.goto(url);
  const painted = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.identifier === "docker run") resolve(entry.renderTime || entry.loadTime);
          }
        }).observe({ type: "element", buffered: true });
      }),
  );
  await context.close();
  return painted;
}

/** `CLICKS` clicks, each with its timings (see `parts`): on the toggle
 *  (`mode` "toggle"); on the page's heading, which changes nothing ("floor": the
 *  browser's own part of the figure, not the page's work); or on the toggle of
 *  tests/e2e/minimal, a page that does the least a toggle can ("minimal": what
 *  this browser on this machine allows at all).
 *
 *  The clicks are plain mouse events at the control's centre (`page.mouse`),
 *  and between clicks the bench only waits: Playwright's locators and its
 *  actionability checks run scripts in the page, and run right after a click
 *  they would delay the very frame being measured. What nginx says is read in
 *  the page after that frame, so each toggle is checked to have changed it. */
async function clickToPaint(browser, url, rate, mode = "toggle") {
  const floor = mode === "floor";
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (mode !== "minimal") await ready(page);
  const target = floor
    ? page.getByRole("heading", { level: 1 })
    : page.getByRole("checkbox", { name: "/tmp/client_temp" });
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await throttled(page, rate);
  await page.evaluate(() => {
    window.clicks = [];
    const verdict = document.querySelector("[aria-label='nginx verdict']");
    let current;
    document.addEventListener(
      "click",
      (event) => {
        const click = { start: event.timeStamp, listener: performance.now() };
        current = click;
        requestAnimationFrame(() => {
          click.frame = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            click.painted = performance.now();
            click.verdict = verdict.textContent;
            window.clicks.push(click);
          };
          channel.port2.postMessage(null);
        });
      },
      true,
    );
    // Bubbles to the document after the page's own listener and the render it
    // runs (Yew renders in a microtask, before this listener).
    document.addEventListener("change", () => {
      if (current) current.handled = performance.now();
    });
  });
  for (let i = 0; i < CLICKS; i++) {
    await page.mouse.click(x, y);
    await page.waitForTimeout(rate === 1 ? 60 : 150);
  }
  const clicks = await page.evaluate(() => window.clicks);
  await context.close();
  if (clicks.length !== CLICKS) throw new Error(`${clicks.length} of ${CLICKS} clicks measured`);
  if (!floor) {
    // Each click must really change what nginx says, in the frame measured, or
    // nothing was measured.
    clicks.forEach(({ verdict }, i) => {
      const want = i % 2 === 0 ? "mkdir()" : "nginx starts";
      if (!verdict.includes(want)) throw new Error(`click ${i + 1}: the verdict after it was "${verdict}"`);
    });
  }
  return clicks;
}

/** Where a toggle's time goes: `[label, ms of each click]`. */
function parts(clicks) {
  return [
    ["before the page's first listener", clicks.map((c) => c.listener - c.start)],
    ["the page's handling and render", clicks.map((c) => c.handled - c.listener)],
    ["waiting for the next frame", clicks.map((c) => c.frame - c.handled)],
    ["the frame (style, layout, paint)", clicks.map((c) => c.painted - c.frame)],
  ];
}

const server = await serveDist();
const minimal = await serveDir(join(import.meta.dirname, "minimal"));
const browser = await launch();
try {
  // What a cold first load fetches.
  const first = await coldLoad(browser, server.url, 1);
  const files = [...new Set(server.requests)].filter((p) => p !== "/favicon.ico");
  console.log(`first load: ${files.length} files (cold load painted at ${first.toFixed(0)} ms)`);
  let totals = [0, 0, 0];
  for (const path of files) {
    const body = readFileSync(join(DIST, path === "/" ? "index.html" : path.slice(1)));
    const sizes = [
      body.length,
      gzipSync(body, { level: 9 }).length,
      brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }).length,
    ];
    totals = totals.map((t, i) => t + sizes[i]);
    console.log(`  ${path.padEnd(40)} raw ${kb(sizes[0])}  gzip ${kb(sizes[1])}  brotli ${kb(sizes[2])}`);
  }
  console.log(`  ${"total".padEnd(40)} raw ${kb(totals[0])}  gzip ${kb(totals[1])}  brotli ${kb(totals[2])}`);
  console.log(`  goal: at most 100 KB brotli (${REFERENCE}: 556 KB)`);

  for (const rate of [1, 4]) {
    const label = rate === 1 ? "no throttling" : `${rate}x CPU throttling`;
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, server.url, rate));
    const reference = rate === 1 ? 561 : 1456;
    console.log(
      `cold load to outputs painted, ${label}: p50 ${ms(quantile(loads, 0.5))}  p90 ${ms(quantile(loads, 0.9))}` +
        `  (${LOADS} loads; goal under ${(reference / 3).toFixed(0)} ms, a third of ${REFERENCE}: ${reference} ms)`,
    );
    const clicks = await clickToPaint(browser, server.url, rate);
    const latencies = clicks.map((c) => c.painted - c.start);
    console.log(
      `click to paint, ${label}: p50 ${ms(quantile(latencies, 0.5))}  p90 ${ms(quantile(latencies, 0.9))}` +
        `  max ${ms(Math.max(...latencies))}  (${latencies.length} clicks; goal p90 within 16.7 ms;` +
        ` ${REFERENCE}: ${rate === 1 ? 38 : 156} ms)`,
    );
    for (const [part, values] of parts(clicks)) {
      console.log(`  ${part.padEnd(36)} p50 ${ms(quantile(values, 0.5))}  p90 ${ms(quantile(values, 0.9))}`);
    }
    const idle = (await clickToPaint(browser, server.url, rate, "floor")).map((c) => c.painted - c.start);
    console.log(
      `  the floor, a click that changes nothing, ${label}: p50 ${ms(quantile(idle, 0.5))}` +
        `  p90 ${ms(quantile(idle, 0.9))}`,
    );
    const least = (await clickToPaint(browser, minimal.url, rate, "minimal")).map((c) => c.painted - c.start);
    console.log(
      `  tests/e2e/minimal (one checkbox, one line, 20 lines of file), ${label}:` +
        ` p50 ${ms(quantile(least, 0.5))}  p90 ${ms(quantile(least, 0.9))}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  await minimal.close();
}

// `make bench` (the page half): prints figures for the release dist/, asserts
// nothing. Run through scripts/bench.sh, which builds dist/ first.
//
//   first load   every file the page fetches on a cold load: raw, gzip -9, brotli -11
//   cold load    navigation start to the docker run output painted (Element Timing)
//   click→paint  a real click on a directory's checkbox to the next frame after it
//                (measured in the page: the click event's timestamp to a task posted
//                from the following requestAnimationFrame, i.e. after that frame),
//                and the same for a click that changes nothing (the frame wait alone)
// Each timing runs with no throttling and with 4x CPU throttling (DevTools').
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DIST, launch, serveDist } from "./harness.mjs";

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

/** Click-to-paint latencies of `CLICKS` clicks on the toggle, or, with `floor`,
 *  on the page's heading, which changes nothing: the part of the figure that is
 *  the browser's wait for its next frame, not the page's work. */
async function clickToPaint(browser, url, rate, floor = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole("region", { name: "docker run" }).locator("pre").waitFor();
  await throttled(page, rate);
  await page.evaluate(() => {
    window.latencies = [];
    document.addEventListener(
      "click",
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => window.latencies.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
  const box = page.getByRole("checkbox", { name: "/tmp/client_temp" });
  const verdict = page.getByRole("status", { name: "nginx verdict" });
  for (let i = 0; i < CLICKS; i++) {
    if (floor) {
      await page.getByRole("heading", { level: 1 }).click();
      await page.waitForTimeout(30);
      continue;
    }
    await box.click();
    // Each click must really change what nginx says, or nothing was measured.
    await verdict.getByText(i % 2 === 0 ? "mkdir()" : "nginx starts").first().waitFor();
    await page.waitForTimeout(30);
  }
  const latencies = await page.evaluate(() => window.latencies);
  await context.close();
  return latencies;
}

const server = await serveDist();
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
    console.log(
      `click to paint, ${label}: p50 ${ms(quantile(clicks, 0.5))}  p90 ${ms(quantile(clicks, 0.9))}` +
        `  max ${ms(Math.max(...clicks))}  (${clicks.length} clicks; goal p90 within 16.7 ms;` +
        ` ${REFERENCE}: ${rate === 1 ? 38 : 156} ms)`,
    );
    const idle = await clickToPaint(browser, server.url, rate, true);
    console.log(
      `  the floor, a click that changes nothing, ${label}: p50 ${ms(quantile(idle, 0.5))}` +
        `  p90 ${ms(quantile(idle, 0.9))}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}

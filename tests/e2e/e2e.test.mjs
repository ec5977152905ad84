// End-to-end tests: the release dist/ served on 127.0.0.1, driven in Debian's
// Chromium the way a user (and a screen reader) meets it: by roles and names.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { launch, ready, serveDist } from "./harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const CLIENT_TEMP_ERROR =
  '[emerg] 1#1: mkdir() "/tmp/client_temp" failed (30: Read-only file system)';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context on the page, recording errors and every request's URL. */
async function open(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(server.url);
  await ready(page);
  return { page, context, problems, requests };
}

const output = (page, name) => page.getByRole("region", { name }).locator("pre").textContent();
const verdict = (page) => page.getByRole("status", { name: "nginx verdict" }).textContent();

async function outputs(page) {
  return {
    dockerfile: await output(page, "Dockerfile"),
    run: await output(page, "docker run"),
    makefile: await output(page, "Makefile"),
  };
}

const withoutLinesHaving = (text, needle) =>
  text
    .split("\n")
    .filter((line) => !line.includes(needle))
    .join("\n");

test("turning /tmp/client_temp off removes its mount and shows nginx's error", async () => {
  const { page, context, problems } = await open();
  const before = await outputs(page);
  assert.match(before.run, /destination=\/tmp\/client_temp,tmpfs-size=2m/);
  assert.match(await verdict(page), /nginx starts/);

  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).uncheck();

  const after = await outputs(page);
  assert.equal(after.run, withoutLinesHaving(before.run, "/tmp/client_temp"));
  assert.equal(after.makefile, withoutLinesHaving(before.makefile, "/tmp/client_temp"));
  assert.equal(after.dockerfile, before.dockerfile, "the Dockerfile does not depend on mounts");
  assert.ok((await verdict(page)).includes(CLIENT_TEMP_ERROR), await verdict(page));
  for (const other of ["/tmp/proxy_temp", "/tmp/fastcgi_temp", "/tmp/uwsgi_temp", "/tmp/nginx"]) {
    assert.ok(await page.getByRole("checkbox", { name: other }).isChecked(), other);
  }

  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).check();
  assert.deepEqual(await outputs(page), before, "turning it back on restores every output");
  assert.deepEqual(problems, []);
  await context.close();
});

test("changing a size changes the run command and the Makefile", async () => {
  const { page, context, problems } = await open();
  await page.getByRole("spinbutton", { name: "Size of /tmp/proxy_temp" }).fill("48");
  await page.getByRole("combobox", { name: "Unit of /tmp/proxy_temp" }).selectOption("k");
  const { run, makefile } = await outputs(page);
  const line = "destination=/tmp/proxy_temp,tmpfs-size=48k";
  assert.ok(run.includes(line), run);
  assert.ok(makefile.includes(line), makefile);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Copy puts exactly the shown text on the clipboard and says so", async () => {
  const { page, context, problems } = await open({
    permissions: ["clipboard-read", "clipboard-write"],
  });
  for (const name of ["Dockerfile", "docker run", "Makefile"]) {
    const region = page.getByRole("region", { name });
    await region.getByRole("button", { name: `Copy ${name}` }).click();
    await region.getByRole("status").getByText("Copied").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await output(page, name), name);
  }
  // A confirmation describes the text it copied: a new text clears it, and
  // only where the text changed (the Dockerfile does not depend on mounts).
  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).uncheck();
  const notice = (name) => page.getByRole("region", { name }).getByRole("status").textContent();
  assert.equal(await notice("docker run"), "");
  assert.equal(await notice("Makefile"), "");
  assert.equal(await notice("Dockerfile"), "Copied");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an invalid size is explained beside its field and the outputs stay", async () => {
  const { page, context, problems } = await open();
  const before = await outputs(page);
  const size = page.getByRole("spinbutton", { name: "Size of /tmp/client_temp" });
  const id = await size.getAttribute("id");
  for (const bad of ["0", "-1", "99999"]) {
    await size.fill(bad);
    await page.locator(`#${id}[aria-invalid=true]`).waitFor();
    const describedBy = await size.getAttribute("aria-describedby");
    const message = await page.locator(`#${describedBy}`).textContent();
    assert.ok(message.length > 10, `a sentence for ${bad}: ${message}`);
    assert.deepEqual(await outputs(page), before, `outputs keep the last valid setup (${bad})`);
    assert.match(await page.getByText(/Showing the last valid setup/).textContent(), /last valid/);
  }
  await size.fill("3");
  assert.ok((await output(page, "docker run")).includes("/tmp/client_temp,tmpfs-size=3m"));
  assert.equal(await page.getByText(/Showing the last valid setup/).count(), 0);

  const path = page.getByRole("textbox", { name: "New writable directory" });
  await path.fill("/tmp/x;rm -rf /");
  await page.getByRole("button", { name: "Add directory" }).click();
  const describedBy = await path.getAttribute("aria-describedby");
  assert.ok((await page.locator(`#${describedBy}`).textContent()).length > 10);
  assert.ok(!(await output(page, "docker run")).includes("rm -rf"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the keyboard reaches and toggles a directory with a visible focus", async () => {
  const { page, context, problems } = await open();
  const target = page.getByRole("checkbox", { name: "/tmp/nginx" });
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await target.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, "Tab reaches the /tmp/nginx checkbox");
  const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  await page.keyboard.press("Space");
  assert.match(await verdict(page), /open\(\) "\/tmp\/nginx\/nginx.pid" failed/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  for (const width of [360, 1280, 1920]) {
    test(`axe finds no violations (${colorScheme}, ${width}px) and nothing overflows`, async () => {
      const { page, context, problems } = await open({
        colorScheme,
        viewport: { width, height: 900 },
      });
      // A failing verdict and a warning are on screen too, so their colours are checked.
      await page.getByRole("checkbox", { name: "/tmp/client_temp" }).uncheck();
      await page.getByRole("spinbutton", { name: "Size of /tmp/proxy_temp" }).fill("0");
      await page.evaluate(AXE);
      const result = await page.evaluate(() =>
        window.axe.run(document, { resultTypes: ["violations"] }),
      );
      const summary = result.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      );
      assert.deepEqual(summary, []);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width}px`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("the page asks for nothing outside 127.0.0.1 and breaks no CSP rule", async () => {
  const { page, context, problems, requests } = await open();
  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).uncheck();
  await page.getByRole("textbox", { name: "New writable directory" }).fill("/var/cache/app");
  await page.getByRole("button", { name: "Add directory" }).click();
  await page.getByRole("checkbox", { name: "/var/cache/app" }).waitFor();
  const outside = requests.filter((url) => !url.startsWith(server.url));
  assert.deepEqual(outside, []);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.ok(!csp.includes("SCRIPT_HASH"));
  assert.deepEqual(problems, [], "no CSP violation or error was logged");
  await context.close();
});

test("the verdict and the score are live regions named for what they are", async () => {
  const { page, context } = await open();
  for (const name of ["nginx verdict", "Security score"]) {
    const region = page.getByRole("status", { name });
    assert.equal(await region.count(), 1, name);
    assert.equal(await region.getAttribute("aria-live"), "polite", name);
  }
  await context.close();
});

const scoreTotal = async (page) =>
  Number(
    (await page.getByRole("status", { name: "Security score" }).locator(".score-total").textContent())
      .split("/")[0]
      .trim(),
  );

test("every Fix raises the score by its weight and changes the run command; all reach 100", async () => {
  const { page, context, problems } = await open();
  const score = page.getByRole("status", { name: "Security score" });
  let fixes = 0;
  for (;;) {
    const fix = score.getByRole("button", { name: /^Fix / }).first();
    if ((await fix.count()) === 0) break;
    const name = await fix.getAttribute("aria-label");
    const weight = Number(name.match(/\+(\d+)$/)[1]);
    const before = { total: await scoreTotal(page), run: await output(page, "docker run") };
    await fix.click();
    await page.waitForFunction(
      (total) => !document.querySelector(".score-total").textContent.startsWith(`${total} `),
      before.total,
    );
    assert.equal(await scoreTotal(page), before.total + weight, name);
    assert.notEqual(await output(page, "docker run"), before.run, `${name} changes the run command`);
    assert.match(await score.locator(".delta").textContent(), new RegExp(`\\+${weight} `), name);
    fixes += 1;
    assert.ok(fixes < 20, "fixes end");
  }
  assert.ok(fixes >= 8, `the seed setup fails most rules (${fixes} fixes)`);
  assert.equal(await scoreTotal(page), 100);
  assert.match(await verdict(page), /nginx starts/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the teaching presets are one click each", async () => {
  const { page, context, problems } = await open();
  const presets = page.getByRole("navigation", { name: "Presets" });
  await presets.getByRole("button", { name: "Wide open" }).click();
  assert.ok(!(await output(page, "docker run")).includes("--read-only"));
  await presets.getByRole("button", { name: "Locked down" }).click();
  assert.equal(await scoreTotal(page), 100);
  await presets.getByRole("button", { name: "PID directory not writable" }).click();
  assert.match(await verdict(page), /\[emerg\] 1#1: open\(\) "\/tmp\/nginx\/nginx.pid" failed/);
  await presets.getByRole("button", { name: "The blog post's setup" }).click();
  assert.match(await verdict(page), /nginx starts/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens `url` in an existing context and waits for the outputs. */
async function visit(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

async function editSomething(page) {
  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).uncheck();
  await page.getByRole("spinbutton", { name: "Size of /tmp/proxy_temp" }).fill("6");
  await page.getByRole("textbox", { name: "New writable directory" }).fill("/var/cache/app");
  await page.getByRole("button", { name: "Add directory" }).click();
  await page.getByRole("checkbox", { name: "No new privileges" }).check();
  await page.getByRole("textbox", { name: "Container name" }).fill("web-1");
  // The address follows the last edit once the edits pause.
  await page.waitForURL(/name=web-1/);
}

test("a copied link reproduces every output byte for byte in a fresh browser", async () => {
  const { page, context, problems } = await open({
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const entries = await page.evaluate(() => history.length);
  await editSomething(page);
  const edited = await outputs(page);
  assert.equal(await page.evaluate(() => history.length), entries, "edits add no history entries");
  assert.ok(page.url().includes("#v=1&"), page.url());

  await page.getByRole("button", { name: "Copy link" }).click();
  await page.getByText("Link copied").waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, page.url());
  assert.ok(link.length - server.url.length < 200, `a typical link is short: ${link}`);

  const fresh = await browser.newContext();
  const opened = await visit(fresh, link);
  assert.deepEqual(await outputs(opened.page), edited);
  assert.equal(await opened.page.getByRole("status", { name: "Link notices" }).textContent(), "");
  // "Link copied" describes the setup it copied; another setup clears it.
  await page.getByRole("checkbox", { name: "/tmp/client_temp" }).check();
  assert.equal(await page.getByText("Link copied").count(), 0);
  assert.deepEqual([...problems, ...opened.problems], []);
  await fresh.close();
  await context.close();
});

// The command-line tool `cargo test` built (scripts/test.sh runs it before these tests).
const CLI = fileURLToPath(new URL("../../target/debug/nginx-lockdown", import.meta.url));

test("each download is byte for byte what the CLI writes for the page's link", async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run cargo build first`);
  const { page, context, problems } = await open({ acceptDownloads: true });
  await editSomething(page);
  await page.getByRole("checkbox", { name: "Drop all capabilities" }).check();
  await page.waitForURL(/cap-drop=on/);
  const link = page.url();

  const files = [
    ["docker run", "run.sh", "run"],
    ["Makefile", "Makefile", "makefile"],
    ["Dockerfile", "Dockerfile", "dockerfile"],
  ];
  for (const [region, file, artifact] of files) {
    const saving = page.waitForEvent("download");
    await page.getByRole("region", { name: region }).getByRole("button", { name: `Download ${file}` }).click();
    const download = await saving;
    assert.equal(download.suggestedFilename(), file);
    const saved = readFileSync(await download.path(), "utf8");
    const written = execFileSync(CLI, ["render", "--link", link, "--print", artifact], {
      encoding: "utf8",
    });
    assert.equal(saved, written, `${file} for ${link}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the draft survives a reload, and a broken link neither breaks the page nor wipes it", async () => {
  const { page, context, problems } = await open();
  await editSomething(page);
  const draft = await outputs(page);

  const again = await visit(context, server.url);
  assert.deepEqual(await outputs(again.page), draft, "the plain address restores the draft");

  const hostile = `${server.url}#v=1&pid=/tmp/$(id)&name=Web%20Server&size.nginx=9999g&bogus=1&add=/tmp/x;rm%20-rf%20/:1m`;
  const broken = await visit(context, hostile);
  const notices = broken.page.getByRole("status", { name: "Link notices" });
  const items = await notices.getByRole("listitem").allTextContents();
  assert.equal(items.length, 5, items.join("\n"));
  const shown = await outputs(broken.page);
  for (const text of Object.values(shown)) {
    for (const bad of ["$(id)", "rm -rf", "Web Server", "9999g", "bogus"]) {
      assert.ok(!text.includes(bad), `${bad} reached an output`);
    }
  }
  await notices.getByRole("button", { name: "Restore my draft" }).click();
  assert.deepEqual(await outputs(broken.page), draft, "the draft is still there");
  await notices.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await notices.textContent(), "");
  assert.deepEqual([...problems, ...again.problems, ...broken.problems], []);
  await context.close();
});

test("opening a link over a different draft lets the user keep the link", async () => {
  const { page, context } = await open();
  await editSomething(page);
  const presetLink = `${server.url}#v=1&preset=locked-down`;
  const opened = await visit(context, presetLink);
  const notices = opened.page.getByRole("status", { name: "Link notices" });
  await notices.getByRole("button", { name: "Keep the link's setup" }).click();
  const kept = await outputs(opened.page);
  const reload = await visit(context, server.url);
  assert.deepEqual(await outputs(reload.page), kept, "the kept link is now the draft");
  await context.close();
});

test("Reset to defaults can be undone", async () => {
  const { page, context, problems } = await open();
  const defaults = await outputs(page);
  await editSomething(page);
  const edited = await outputs(page);
  await page.getByRole("button", { name: "Reset to defaults" }).click();
  assert.deepEqual(await outputs(page), defaults);
  // The default setup's link is the plain address.
  await page.waitForURL((url) => url.hash === "");
  await page.getByRole("button", { name: "Undo" }).click();
  assert.deepEqual(await outputs(page), edited);
  assert.deepEqual(problems, []);
  await context.close();
});

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test("the page loads the wasm with no console error", async () => {
  const { page, problems } = await openPage(env, "/");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("ready"));
  assert.match(await page.textContent("#status"), /farmmap \d+\.\d+\.\d+ ready/);
  assert.deepEqual(problems, []);
});

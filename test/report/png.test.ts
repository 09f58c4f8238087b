import { test } from "node:test";
import assert from "node:assert/strict";
import { CHROMIUM_ARGS, DESKTOP_CHROMIUM, HEADLESS_SHELL, chromiumPath } from "../../lib/report/png.js";

test("chromiumPath: ECONAGENT_CHROMIUM first, else the headless shell when installed, else the desktop Chromium", () => {
  const only = (...present: string[]) => (file: string) => present.includes(file);
  assert.equal(HEADLESS_SHELL, "/usr/bin/chromium-headless-shell");
  assert.equal(DESKTOP_CHROMIUM, "/usr/bin/chromium");
  assert.equal(chromiumPath({}, only(HEADLESS_SHELL, DESKTOP_CHROMIUM)), HEADLESS_SHELL, "both installed: the shell");
  assert.equal(chromiumPath({}, only(HEADLESS_SHELL)), HEADLESS_SHELL);
  assert.equal(chromiumPath({}, only(DESKTOP_CHROMIUM)), DESKTOP_CHROMIUM, "no shell: the desktop browser");
  // Neither: the desktop browser's path, which the one-line "install Debian chromium" notice then names.
  assert.equal(chromiumPath({}, only()), DESKTOP_CHROMIUM);
  assert.equal(chromiumPath({ ECONAGENT_CHROMIUM: "/opt/chrome/chrome" }, only(HEADLESS_SHELL)), "/opt/chrome/chrome", "the variable wins, installed or not");
  assert.equal(chromiumPath({ ECONAGENT_CHROMIUM: "" }, only(HEADLESS_SHELL)), HEADLESS_SHELL, "an empty variable is unset");
});

test("the browser runs headless, offline, and V8 compiles plotly with its source positions", () => {
  for (const flag of ["--headless", "--disable-background-networking", "--disable-component-update", "--js-flags=--no-enable-lazy-source-positions"]) {
    assert.ok(CHROMIUM_ARGS.includes(flag), flag);
  }
});

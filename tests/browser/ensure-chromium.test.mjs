// scripts/ensure-chromium.mjs: what a user without Chromium is told, and that a working
// executable is taken as it is (nothing installed, nothing printed).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ensureChromium } from "../../scripts/ensure-chromium.mjs";

test("without Chromium and without root, the error names the package and the command that installs it", () => {
  const missing = path.join(os.tmpdir(), "neural-mi-no-such-chromium");
  const lines = [];
  assert.throws(
    () => ensureChromium({ executable: missing, asRoot: false, log: (line) => lines.push(line) }),
    /Debian's Chromium, which is not installed: run `sudo apt-get install -y chromium`/,
  );
  assert.deepEqual(lines, [], "nothing is attempted without root");
});

test("a working Chromium is used as it is", () => {
  // A stand-in executable that answers --version like Chromium does.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-chromium-stub-"));
  const stub = path.join(dir, "chromium");
  fs.writeFileSync(stub, "#!/bin/sh\necho 'Chromium 1.2.3 built on Debian'\n", { mode: 0o755 });
  try {
    const lines = [];
    assert.equal(ensureChromium({ executable: stub, asRoot: true, log: (line) => lines.push(line) }), stub);
    assert.deepEqual(lines, [], "nothing is installed when Chromium works");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Headless Debian Chromium through playwright-core. The machine's network is closed, so
// Chromium's background connections (updates, sync, QUIC probes) are switched off, and every
// run gets a fresh profile that is removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { ensureChromium } from "../../../scripts/ensure-chromium.mjs";

const flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Resolves to { context, close() }: a persistent context on a fresh --user-data-dir. */
export async function launchBrowser({ log, viewport = { width: 1280, height: 900 } } = {}) {
  const executablePath = ensureChromium({ log });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-chromium-"));
  // launchPersistentContext passes the profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: flags,
    viewport,
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

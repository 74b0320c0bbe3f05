// JupyterLab for the tests, started the way `npm start` and `npm run instructor` start it:
// scripts/lab.mjs, with the TypeScript kernel as the default. The student's door opens a
// workspace in a temporary folder (never the user's my-work/); the instructor's door opens the
// real notebooks/. The test gets its own user settings and workspaces (temporary folders), so
// it neither reads nor changes the user's, and its settings turn autosave off: the notebooks
// are run but never saved unless the test saves them.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/free-port.mjs";
import { startAnnouncing } from "./announcing-process.mjs";
import { exitsWithin } from "./exits.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";

// JupyterLab user settings of the test's own (what a student could set in Settings).
const testSettings = {
  // Never write the executed notebooks back to notebooks/.
  "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": { autosave: false },
  // The first-run question about fetching Jupyter news would cover part of every screenshot,
  // and the machine has no network to fetch it from.
  "@jupyterlab/apputils-extension/notification.jupyterlab-settings": { fetchNews: "false", checkForUpdates: false },
};

function writeSettings(dir) {
  for (const [file, value] of Object.entries(testSettings)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(value, null, 2));
  }
}

/**
 * Starts JupyterLab through scripts/lab.mjs on a free port with a fresh token (with
 * `generatedToken`, the one Jupyter makes and prints, as for a user of `npm start`): the
 * instructor's door with `instructor: true`, else the student's door on `workspace` (a fresh
 * temporary folder when not given, removed by stop()).
 * Resolves to { url, origin, token, port, workspace, stdout(), log(), savedFiles(), api(path, init), stop() }.
 */
export async function startLab({ startupTimeoutMs = 90_000, generatedToken = false, instructor = false, workspace } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-browser-lab-"));
  const workspaceDir = instructor ? undefined : workspace ?? path.join(home, "my-work");
  const settingsDir = path.join(home, "user-settings");
  const workspacesDir = path.join(home, "workspaces");
  fs.mkdirSync(workspacesDir, { recursive: true });
  writeSettings(settingsDir);

  const port = await freePort();
  const chosenToken = generatedToken ? null : crypto.randomBytes(24).toString("hex");
  const server = await startAnnouncing(
    process.execPath,
    [
      fromRoot("scripts", "lab.mjs"),
      ...(instructor ? ["--instructor"] : ["--workspace", workspaceDir]),
      "--no-browser",
      `--port=${port}`,
      ...(chosenToken === null ? [] : [`--IdentityProvider.token=${chosenToken}`]),
      // window.jupyterapp: lets the test read the notebook model (outputs, execution counts).
      "--LabApp.expose_app_in_browser=True",
    ],
    {
      cwd: fromRoot(),
      env: { ...process.env, JUPYTERLAB_SETTINGS_DIR: settingsDir, JUPYTERLAB_WORKSPACES_DIR: workspacesDir },
    },
    { announcement: /JupyterLab is running at (\S+)/, timeoutMs: startupTimeoutMs, what: "scripts/lab.mjs" },
  );
  const { child, exited } = server;
  const url = new URL(server.match[1]);

  const token = chosenToken ?? url.searchParams.get("token");
  const origin = `http://127.0.0.1:${port}`;
  const api = (p, init = {}) =>
    fetch(origin + p, { ...init, headers: { Authorization: `token ${token}`, ...(init.headers ?? {}) } });

  // The address is logged a moment before the server accepts connections on every interface.
  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    try {
      await api("/api/status");
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`JupyterLab printed its address but does not answer on ${origin}: ${error.message}\n${server.stderr().slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return {
    url,
    origin,
    port,
    token,
    /** The student's workspace (undefined in the instructor's door). */
    workspace: workspaceDir,
    stdout: server.stdout,
    /** The address of a page of the lab, with the token. */
    page: (p) => `${origin}${p}${p.includes("?") ? "&" : "?"}token=${token}`,
    api,
    log: server.stderr,
    /** Files the server wrote through its contents API (a save) since it started. */
    savedFiles: () => [...server.stderr().matchAll(/Saving file at (\S+)/g)].map((m) => m[1]),
    async shutdownKernels() {
      const sessions = await (await api("/api/sessions")).json();
      await Promise.all(sessions.map((s) => api(`/api/sessions/${s.id}`, { method: "DELETE" })));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          await this.shutdownKernels();
        } catch {
          // The server may already be going; stopping it ends its kernels as well.
        }
        child.kill("SIGTERM");
        if (!(await exitsWithin(exited, 15_000))) child.kill("SIGKILL");
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

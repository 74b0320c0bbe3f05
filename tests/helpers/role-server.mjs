// A JupyterLab server as the course hub starts one for a role (hub/student or hub/instructor: the
// role's configuration alone), on a free port with a known token, for tests that reach it through
// its API. Resolves to { origin, token, api, log, stop() }.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../scripts/lib/free-port.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";
import { exitsWithin } from "./exits.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `role`: "student" or "instructor"; `root`: the folder it serves; `runtimeDir`: its connection files' folder; `env`: more variables. */
export async function startRoleServer({ role, root, runtimeDir, env = {} }) {
  fs.mkdirSync(runtimeDir, { recursive: true });
  const port = await freePort();
  const token = "0123456789abcdef0123456789abcdef";
  const serverEnv = { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("hub", role), JUPYTER_CONFIG_DIR: fromRoot("hub", role), JUPYTER_RUNTIME_DIR: runtimeDir, ...env };
  const args = ["lab", "--no-browser", `--port=${port}`, `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${path.resolve(root)}`, ...(process.getuid() === 0 ? ["--allow-root"] : [])];
  const server = spawn(venvBin("jupyter"), args, { env: serverEnv, stdio: ["ignore", "ignore", "pipe"] });
  const state = { log: "" };
  server.stderr.on("data", (chunk) => {
    state.log += chunk;
  });
  const exited = new Promise((resolve) => server.on("exit", resolve));
  const origin = `http://127.0.0.1:${port}`;
  const api = (p, init = {}) => fetch(`${origin}${p}`, { ...init, headers: { Authorization: `token ${token}`, "Content-Type": "application/json" } });
  /** Stops it as the hub does (SIGTERM); one still running after `timeoutMs` is killed: resolves { killed }. */
  const stop = async ({ timeoutMs = 60_000 } = {}) => {
    server.kill("SIGTERM");
    const killed = !(await exitsWithin(exited, timeoutMs));
    if (killed) {
      server.kill("SIGKILL");
      await exited;
    }
    return { killed };
  };
  for (let i = 0; ; i += 1) {
    try {
      if ((await api("/api/status")).ok) break;
    } catch {
      // not answering yet
    }
    if (i >= 900 || server.exitCode !== null) {
      await stop();
      throw new Error(`the ${role}'s server did not answer:\n${state.log.slice(-3000)}`);
    }
    await sleep(100);
  }
  return { origin, token, api, stop, get log() { return state.log; } };
}

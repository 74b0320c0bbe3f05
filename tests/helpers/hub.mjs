// The course hub for the tests, started the way `npm run hub` starts it (scripts/hub.mjs),
// in a temporary folder on free ports. Commands run "as" a hub user get the environment that
// user's JupyterLab and its terminals have (the hub's settings file says which), in that
// user's home, as the user would type them in a terminal of their JupyterLab.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { neededByServers, unreachable } from "../../scripts/hub/isolation.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { startAnnouncing } from "./announcing-process.mjs";
import { exitsWithin } from "./exits.mjs";

/** Stops and removes, once the file's tests are done, the hub `current()` returns then (if any). */
export function stopHubAfterTests(current) {
  after(async () => {
    const hub = current();
    if (hub) {
      await hub.stop();
      hub.remove();
    }
  });
}

/**
 * Why a hub started by these tests cannot give its users accounts of their own (not root, or a
 * checkout or Python other users cannot reach), as a list; empty where it can.
 */
export const whyUsersNotIsolated = () => (process.getuid() !== 0 ? ["not root"] : unreachable(neededByServers(path.join(os.tmpdir(), "hub"))));

/**
 * Starts the hub with `students` (or the class list `studentsFile`) and more of its `options`, in a new
 * folder or in `dir` (a restart); resolves to { url, dir, console(), log(), settings, readSettingsAgain(), user(name),
 * run(name, command, args, { cwd }), stop() }.
 */
export async function startHub({ students = ["alice", "bob"], studentsFile, options = [], startupTimeoutMs = 90_000, dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-hub-")) } = {}) {
  const server = await startAnnouncing(
    process.execPath,
    [fromRoot("scripts", "hub.mjs"), "--dir", dir, "--port", "0", ...(studentsFile ? ["--students-file", studentsFile] : ["--students", students.join(",")]), ...options],
    // The hub runs in a process group of its own, which stop() signals as Ctrl-C does.
    { cwd: fromRoot(), detached: true },
    { announcement: /The course hub is running at (\S+)/, timeoutMs: startupTimeoutMs, what: "scripts/hub.mjs" },
  );
  const { child, exited } = server;
  const url = server.match[1].replace(/\/$/, "");

  const readSettings = () => JSON.parse(fs.readFileSync(path.join(dir, "jupyterhub", "settings.json"), "utf8"));
  let settings = readSettings();
  const user = (name) => {
    const found = settings.users.find((u) => u.name === name);
    if (!found) throw new Error(`the hub has no user "${name}"`);
    return found;
  };

  /**
   * Runs a command as a hub user would in a terminal of their JupyterLab (as their system user
   * when the hub gives them one); resolves { code, output }. `asHubOwner` runs it as the one who
   * started the hub instead, as an instructor runs `npm run autograde` from the repository.
   */
  const run = (name, command, args, { cwd, asHubOwner = false } = {}) => {
    const who = user(name);
    const system = asHubOwner ? undefined : who.system;
    // A server's environment has no Jupyter folders of the hub's own (the spawner keeps them out).
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("JUPYTER_")));
    return new Promise((resolve) => {
      const running = spawn(command, args, {
        cwd: cwd ?? who.home,
        env: { ...base, ...who.environment, HOME: who.home, USER: system?.name ?? name, JUPYTERHUB_USER: name },
        ...(system ? { uid: system.uid, gid: system.gid } : {}),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      running.stdout.on("data", (chunk) => (output = (output + chunk).slice(-200_000)));
      running.stderr.on("data", (chunk) => (output = (output + chunk).slice(-200_000)));
      running.on("close", (code) => resolve({ code, output }));
    });
  };

  return {
    url,
    dir,
    get settings() {
      return settings;
    },
    /** Reads the hub's settings again, as its servers do: after npm run hub:add, the students it added are there. */
    readSettingsAgain() {
      settings = readSettings();
    },
    user,
    run,
    console: server.stdout,
    log: server.stderr,
    pid: child.pid,
    /**
     * Stops the hub as Ctrl-C does (SIGINT to its process group), or with `alone` as a supervisor
     * or `kill -INT` does (SIGINT to npm run hub's process only); resolves to how it exited.
     */
    async stop({ timeoutMs = 30_000, alone = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(alone ? child.pid : -child.pid, "SIGINT");
        if (!(await exitsWithin(exited, timeoutMs))) {
          process.kill(-child.pid, "SIGKILL");
          return { timedOut: true };
        }
      }
      return exited;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

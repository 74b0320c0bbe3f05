// Running other programs from the scripts, with their output kept for error reports.
import { spawn, spawnSync } from "node:child_process";
import { repoRoot } from "./paths.mjs";

/** An error the set-up explains to the user: what went wrong and how to fix it. */
export class SetupError extends Error {
  /** @param {string} message @param {{ fix?: string, output?: string }} [details] */
  constructor(message, { fix, output } = {}) {
    super(message);
    this.name = "SetupError";
    this.fix = fix;
    this.output = output;
  }
}

/**
 * Runs a program to completion, capturing its output. Never throws for a non-zero exit.
 * @param {string} command @param {string[]} args @param {import("node:child_process").SpawnSyncOptions} [options]
 */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  return {
    ok: result.status === 0,
    status: result.status,
    missing: /** @type {NodeJS.ErrnoException | undefined} */ (result.error)?.code === "ENOENT",
    error: result.error,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    output: String(result.stdout ?? "") + String(result.stderr ?? ""),
  };
}

/**
 * As `capture`, but the program may be interrupted: Ctrl-C reaches it too (the terminal signals
 * the whole foreground group), and this process waits until it has ended before it ends itself,
 * saying so. An `npm install` interrupted goes on removing what it had unpacked for seconds; a
 * set-up that ended at once was run again meanwhile, and the two left node_modules half made
 * (zeromq's native addon missing: every kernel died).
 * @param {string} command @param {string[]} args
 * @returns {Promise<ReturnType<typeof capture>>}
 */
export function captureInterruptible(command, args) {
  return new Promise((resolve) => {
    /** @type {string | null} */
    let interrupted = null;
    /** @param {string} signal */
    const onSignal = (signal) => {
      interrupted = signal;
      process.stderr.write(`\nsetup: ${signal}: waiting for ${command === process.execPath ? args[0].split(/[\\/]/).pop() : command} to end before stopping\n`);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk) => ((stderr += chunk), (output += chunk)));
    /** @param {number | null} status @param {NodeJS.ErrnoException | undefined} error */
    const finish = (status, error) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      if (interrupted !== null) {
        process.stderr.write(`setup: stopped (${interrupted}); run the command again to finish the set-up\n`);
        process.exit(130);
      }
      resolve({ ok: status === 0, status, missing: error?.code === "ENOENT", error, stdout, stderr, output });
    };
    child.on("error", (error) => finish(null, error));
    child.on("close", (status) => finish(status, undefined));
  });
}

/**
 * [command, args] running npm: the npm that started us (npm sets npm_execpath), else npm on PATH.
 * @param {string[]} args @returns {[string, string[]]}
 */
export function npmCommand(args) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.js$/.test(npmCli)) return [process.execPath, [npmCli, ...args]];
  return [process.platform === "win32" ? "npm.cmd" : "npm", args];
}

/**
 * Runs a program and throws a SetupError naming `what` when it fails.
 * @param {string} what @param {string} command @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions & { fix?: string }} [options]
 */
export function mustRun(what, command, args, { fix, ...options } = {}) {
  const result = capture(command, args, options);
  if (!result.ok) {
    const reason = result.missing
      ? `${command} was not found`
      : result.error
        ? result.error.message
        : `${[command, ...args].join(" ")} exited with status ${result.status}`;
    throw new SetupError(`${what} failed: ${reason}`, { fix, output: result.output });
  }
  return result;
}

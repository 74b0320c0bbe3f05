// Running other programs from the scripts, with their output kept for error reports.
import { spawnSync } from "node:child_process";
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

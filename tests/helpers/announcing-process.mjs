// A server script of the project (scripts/lab.mjs, scripts/hub.mjs) started by a test: its
// output kept, and the line where it announces its address awaited.
import { spawn } from "node:child_process";

/**
 * Spawns `command` and resolves, once a line of its stdout matches `announcement`, to
 * { child, match, stdout(), stderr(), exited }; rejects when it exits first or does not
 * announce itself within `timeoutMs`. `what` names it in those errors.
 */
export async function startAnnouncing(command, args, options, { announcement, timeoutMs, what }) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.length > 4_000_000) stderr = stderr.slice(-2_000_000);
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${what} did not announce itself within ${timeoutMs / 1000} s:\n${stdout}\n${stderr.slice(-4000)}`));
    }, timeoutMs);
    const onData = () => {
      const found = stdout.match(announcement);
      if (!found) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve(found);
    };
    child.stdout.on("data", onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it announced itself:\n${stdout}\n${stderr.slice(-4000)}`));
    });
  });
  return { child, match, exited, stdout: () => stdout, stderr: () => stderr };
}

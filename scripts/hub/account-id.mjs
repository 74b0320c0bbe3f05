// The user id of a system account, by its name.
import { spawnSync } from "node:child_process";

/** The user id of the account named `name`, or undefined where there is none. */
export function userIdOf(name) {
  const result = spawnSync("id", ["-u", name], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

// A bound on the TCP connections each student's account holds open to the machine's own addresses. The hub's
// proxy serves the whole class through one process, whose open files are bounded (20,000 here): a student's
// kernel that opened 21,000 idle connections to its port left it without descriptors, and every user's page
// failed until they closed. Only the machine's firewall can count connections by the account that opened them:
// nftables (`meta skuid` keys a connection count), where it is installed; else the start says so and how to get it.
import { spawnSync } from "node:child_process";

/** Each student's default: JupyterLab with a dozen kernels holds about a hundred. */
export const DEFAULT_CONNECTIONS = 1000;
/** Fewer would stop a student's own JupyterLab talking to its kernels. */
export const FEWEST_CONNECTIONS = 100;

/** The firewall table of the hub listening on `port`: one per hub, removed when it stops. */
export const connectionTable = (port) => `neural_mi_hub_${port}`;

function run(command, args, input) {
  const done = spawnSync(command, args, { encoding: "utf8", input });
  if (done.error?.code === "ENOENT") return { status: "missing", out: "" };
  return { status: done.status, out: `${done.stdout ?? ""}${done.stderr ?? ""}`.trim() };
}

/**
 * The nftables script that makes the table anew: each listed account may hold `limit` TCP connections to the
 * machine's own addresses (every port: the hub's, the proxy's, each user's server, their kernels'); past it a new
 * one is refused with a reset. Connections closed (TIME_WAIT) are not counted.
 * @param {string} table @param {number[]} uids @param {number} limit
 */
export function connectionRules(table, uids, limit) {
  const elements = uids.length > 0 ? ` elements = { ${uids.join(", ")} };` : "";
  return [
    // declaring it first lets the delete run on a machine where no earlier start left one
    `table inet ${table} {}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
    `  set students { type uid;${elements} }`,
    "  set open { type uid; size 65535; flags dynamic; }",
    "  chain output {",
    "    type filter hook output priority filter; policy accept;",
    `    meta skuid @students fib daddr type local meta l4proto tcp ct state new add @open { meta skuid ct count over ${limit} } reject with tcp reset`,
    "  }",
    "}",
    "",
  ].join("\n");
}

const unbounded = (why, fix) =>
  `no bound on the connections each student's account holds open on this machine (${why}): one student's idle connections ` +
  `can exhaust the proxy's open files and lock the class out of the hub${fix ? `. ${fix}` : ""}`;

/**
 * Bounds the connections of the accounts `uids` as the table of the hub on `port` (`limit` 0: none, an earlier
 * start's table removed). Returns { applied: true, message } or { applied: false, warning } naming what is missing
 * and the fix. `nft` names the command (tests give another).
 * @param {number} port @param {number[]} uids @param {number} limit @param {{ nft?: string }} [commands]
 */
export function applyConnectionLimits(port, uids, limit, { nft = "nft" } = {}) {
  const table = connectionTable(port);
  if (limit === 0) {
    removeConnectionLimits(port, { nft });
    return { applied: false, warning: unbounded("--max-connections 0") };
  }
  const made = run(nft, ["-f", "-"], connectionRules(table, uids, limit));
  if (made.status === "missing") {
    return { applied: false, warning: unbounded("nftables is not installed", "Install it (Debian/Ubuntu: `apt-get install nftables`) and start the hub again") };
  }
  if (made.status !== 0) {
    return { applied: false, warning: unbounded(`nft could not make the table ${table}: ${made.out.split("\n").slice(0, 3).join(" ") || made.status}`, "The kernel needs nf_tables and connection tracking (nf_conntrack)") };
  }
  return { applied: true, message: `each student's account may hold at most ${limit} connections open to this machine (nftables, table inet ${table}; --max-connections)` };
}

/**
 * Adds the accounts `uids` to the bound of the hub on `port` (npm run hub:add). Returns null, or a warning where
 * the hub has no table (it started without one) or nft failed.
 * @param {number} port @param {number[]} uids @param {{ nft?: string }} [commands]
 */
export function addToConnectionLimits(port, uids, { nft = "nft" } = {}) {
  if (uids.length === 0) return null;
  const table = connectionTable(port);
  const listed = run(nft, ["list", "set", "inet", table, "students"]);
  if (listed.status !== 0) return unbounded(listed.status === "missing" ? "nftables is not installed" : `the hub started without the table ${table}`);
  const added = run(nft, ["add", "element", "inet", table, "students", `{ ${uids.join(", ")} }`]);
  return added.status === 0 ? null : unbounded(`nft could not add them to ${table}: ${added.out.split("\n")[0] || added.status}`);
}

/** Removes the table of the hub on `port`, if there is one. @param {number} port @param {{ nft?: string }} [commands] */
export function removeConnectionLimits(port, { nft = "nft" } = {}) {
  const table = connectionTable(port);
  run(nft, ["-f", "-"], `table inet ${table} {}\ndelete table inet ${table}\n`);
}

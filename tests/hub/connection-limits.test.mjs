// The hub's bound on the TCP connections each student's account holds open to the machine
// (scripts/hub/connection-limits.mjs): one student's 21,000 idle connections to the proxy's port left the
// proxy, which serves the whole class, without open files. nftables counts them by the account that opened
// them; run here as root with the real nft (installed from Debian's packages where missing), on a listener of
// the test's and an account of no privilege.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { addToConnectionLimits, applyConnectionLimits, connectionTable, removeConnectionLimits } from "../../scripts/hub/connection-limits.mjs";
import { installDebianPackage } from "../../scripts/lib/debian-package.mjs";

const NOBODY = { uid: 65534, gid: 65534 };
const LIMIT = 100;
const missingNft = { nft: path.join(os.tmpdir(), "neural-mi-no-such-nft") };

/** Opens `count` connections to `port` as the account `who` and holds them; resolves to { held, refused, stop() }. */
function openAs(who, port, count) {
  const opener = [
    "import socket, sys",
    "held, refused = [], 0",
    `for _ in range(${count}):`,
    "    s = socket.socket()",
    "    try:",
    "        s.connect(('127.0.0.1', int(sys.argv[1]))); held.append(s)",
    "    except OSError:",
    "        refused += 1; s.close()",
    "print(len(held), refused, flush=True)",
    "sys.stdin.read()",
    "",
  ].join("\n");
  const child = spawn("setpriv", [`--reuid=${who.uid}`, `--regid=${who.gid}`, "--clear-groups", "/usr/bin/python3", "-c", opener, String(port)], { stdio: ["pipe", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) {
        const [held, refused] = out.trim().split(" ").map(Number);
        resolve({ held, refused, stop: () => child.kill("SIGKILL") });
      }
    });
    child.on("exit", (code) => reject(new Error(`the opener ended (${code}): ${errors}`)));
  });
}

test("without nftables, or with 0, the start says there is no bound and what gives one", () => {
  const missing = applyConnectionLimits(1, [NOBODY.uid], 1000, missingNft);
  assert.equal(missing.applied, false);
  assert.match(missing.warning, /no bound on the connections each student's account holds open on this machine \(nftables is not installed\): one student's idle connections can exhaust the proxy's open files.*apt-get install nftables/);
  assert.match(applyConnectionLimits(1, [NOBODY.uid], 0, missingNft).warning, /\(--max-connections 0\)/);
  assert.match(addToConnectionLimits(1, [NOBODY.uid], missingNft), /nftables is not installed/);
});

test("a student's account holds at most its bound of connections to the machine; others' and root's are not hers", { timeout: 300_000 }, async (t) => {
  if (process.getuid() !== 0) {
    // nothing but root makes firewall tables; the hub bounds connections only as root, with accounts per user
    t.diagnostic("not root: the hub makes no accounts, and no table to try");
    return;
  }
  if (spawnSync("nft", ["--version"]).error) installDebianPackage("nftables", (line) => t.diagnostic(line));
  const server = net.createServer(() => {});
  const held = [];
  server.on("connection", (socket) => held.push(socket));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  // the hub on `port`'s table (its own port: any other is a local address too)
  const table = connectionTable(port);
  try {
    const bounded = applyConnectionLimits(port, [NOBODY.uid], LIMIT);
    assert.equal(bounded.applied, true, bounded.warning);
    assert.match(bounded.message, new RegExp(`at most ${LIMIT} connections open to this machine \\(nftables, table inet ${table}`));
    // a start again replaces the table, not adds a second rule
    assert.equal(applyConnectionLimits(port, [NOBODY.uid], LIMIT).applied, true);
    assert.equal((spawnSync("nft", ["list", "table", "inet", table], { encoding: "utf8" }).stdout.match(/ct count over/g) ?? []).length, 1);

    const student = await openAs(NOBODY, port, LIMIT + 50);
    try {
      assert.equal(student.held, LIMIT, `nobody held ${student.held} connections`);
      assert.equal(student.refused, 50);
      // root's (the hub's, the class's through the proxy) still connect while hers are held
      const root = await openAs({ uid: 0, gid: 0 }, port, 20);
      assert.deepEqual([root.held, root.refused], [20, 0]);
      root.stop();
    } finally {
      student.stop();
    }

    // a student added later (npm run hub:add) joins the bound: here root, whose next connections then count
    assert.equal(addToConnectionLimits(port, [0]), null);
    assert.match(spawnSync("nft", ["list", "set", "inet", table, "students"], { encoding: "utf8" }).stdout, /elements = \{ 0, 65534 \}/);
  } finally {
    removeConnectionLimits(port);
    for (const socket of held) socket.destroy();
    server.close();
  }
  // the hub's end removes its table
  assert.notEqual(spawnSync("nft", ["list", "table", "inet", table], { encoding: "utf8" }).status, 0, `${table} is still there`);
  assert.match(addToConnectionLimits(port, [NOBODY.uid]), /the hub started without the table/);
});

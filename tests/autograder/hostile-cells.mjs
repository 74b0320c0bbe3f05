// The code cells of the hostile submissions (hostile.test.mjs): each prints
// one line per attempt, which the test reads back from the executed notebook.
// They reach node's modules through names the autograder's reading of the code cannot
// see (inspect-cells.mjs rejects a plain import or require), so that the sandbox is what
// they meet.

const NODE_MODULES = `const requireAny = (process as any)["main" + "Module"]["req" + "uire"]("module").createRequire(process.cwd() + "/cell.js");
const fs = requireAny("fs");`;

/** Signals, the connection info, processes and workers: everything is tried, each attempt reported. */
export const INTRUDER = `${NODE_MODULES}
const attempts: [string, () => unknown][] = [
  ["kill the runner", () => process.kill(process.ppid, "SIGKILL")],
  ["stop the runner", () => process.kill(process.ppid, "SIGSTOP")],
  ["list /proc", () => fs.readdirSync("/proc")],
  ["read the connection pipe", () => fs.readFileSync(3, "utf8")],
  ["spawn a process", () => requireAny("child_process").spawnSync("sh", ["-c", "true"])],
  ["start a worker", () => new (requireAny("worker_threads").Worker)("0", { eval: true })],
];
for (const [what, attempt] of attempts) {
  try {
    const result = attempt();
    console.log(\`ATTEMPT \${what}: allowed\${typeof result === "string" ? \`, \${result.length} characters\` : ""}\`);
  } catch (error) {
    console.log(\`ATTEMPT \${what}: refused (\${(error as { code?: string }).code ?? (error as Error).message})\`);
  }
}
console.log("ENV " + JSON.stringify(Object.keys(process.env).sort()));
console.log("ARGV " + JSON.stringify(process.argv));`;

/** Which processes could this kernel signal at all? Signal 0 only asks. Every pid up to a few
 * hundred past the kernel's own: the grader and the runner started before it. */
export const SIGNAL_PROBE = `const reachable: number[] = [];
for (let pid = 1; pid < process.pid + 500; pid++) {
  try {
    process.kill(pid, 0);
    reachable.push(pid);
  } catch {}
}
console.log("SIGNALLABLE " + JSON.stringify({ self: process.pid, parent: process.ppid, pids: reachable }));`;

/** Fills the folder with big files, then with empty ones; reports how far it got. */
export const DISK_FLOOD = `${NODE_MODULES}
let bytes = 0;
let bigError = "";
try {
  for (let i = 0; i < 100; i++) {
    fs.writeFileSync(\`big-\${i}.bin\`, Buffer.alloc(250_000, 1));
    bytes += 250_000;
  }
} catch (error) {
  bigError = (error as { code?: string }).code ?? String(error);
}
let files = 0;
let smallError = "";
try {
  for (let i = 0; i < 21_000; i++) {
    fs.writeFileSync(\`small-\${i}\`, "");
    files++;
  }
} catch (error) {
  smallError = (error as { code?: string }).code ?? String(error);
}
console.log("DISK " + JSON.stringify({ bytes, bigError, files, smallError }));`;

/**
 * A cell that never ends (its metadata asks for a longer limit than the instructor's): a synchronous
 * loop the interrupt must break, as `while (true) {}` is, but waiting rather than computing, so that
 * the 40 s limit it runs to costs no core (the busy loop spent 40 s of CPU in every run; the fixture's
 * infinite-loop in bad-submissions.test.mjs keeps a busy one).
 */
export const ENDLESS = "const pause = new Int32Array(new SharedArrayBuffer(4));\nwhile (true) Atomics.wait(pause, 0, 0, 100);";

/** A square that fails with an error of 20 million characters. */
export const HUGE_ERROR_SQUARE = `function square(x: number): number {
  throw new Error("y".repeat(20_000_000));
}`;

/** Writes to the kernel's own stdout and stderr, and floods the notebook's streams. */
export const STREAM_FLOOD = `${NODE_MODULES}
fs.writeSync(1, "o".repeat(30_000_000));
fs.writeSync(2, "e".repeat(30_000_000));
for (let i = 0; i < 30; i++) console.log("x".repeat(1_000_000));
for (let i = 0; i < 30; i++) console.error("e".repeat(1_000_000));`;

/** Many small displays, grown afterwards by updates, in this cell and the next (tslab is imported by the course's setup cell). */
export const DISPLAYS = `const displays = Array.from({ length: 40 }, () => tslab.newDisplay());
displays.forEach((display) => display.text("small"));
displays.forEach((display) => display.text("u".repeat(3_000_000)));`;
export const DISPLAY_UPDATES = `displays.forEach((display) => display.text("v".repeat(4_000_000)));`;

/** An error of 20 million characters outside any test. */
export const HUGE_ERROR = `throw new Error("z".repeat(20_000_000));`;

/** For the grader's-own-user path: the runner killed, or frozen. */
export const KILL_RUNNER = `process.kill(process.ppid, "SIGKILL");`;
export const STOP_RUNNER = `process.kill(process.ppid, "SIGSTOP");
await new Promise((resolve) => setTimeout(resolve, 60_000));`;

/**
 * A cell's way of trying several routes: `attempt(name, attack)` records each that went
 * through in `took`, which the cell then prints (`<LABEL> took: …`, empty when all were refused).
 */
export const ATTEMPTS = `const took: string[] = [];
const attempt = (name: string, attack: () => void) => {
  try {
    attack();
    took.push(name);
  } catch (_refused) {
    // refused
  }
};`;

/** Cell code that declares `zmq` and `addresses`, the kernel's own IOPub under our runner and under nbgrader. */
const IOPUB_ADDRESSES = String.raw`  const P: any = process;
  const k = (a: string, b: string) => a + b;
  const fs = P[k("getBuiltin", "Module")]("fs");
  const zmq = P[k("main", "Module")][k("requ", "ire")]("zeromq");
  const addresses: string[] = [];
  for (let port = 1; port <= 5; port++) addresses.push("ipc://" + process.cwd() + "/../sockets/k-" + port);
  const at = process.argv.indexOf("--config-path");
  if (at >= 0) {
    const conn = JSON.parse(fs.readFileSync(process.argv[at + 1], "utf8"));
    addresses.push(conn.transport + "://" + conn.ip + (conn.transport === "ipc" ? "-" : ":") + conn.iopub_port);
  }
`;

/**
 * A block that subscribes to the kernel's own IOPub, under both graders: zeromq, reached by computed
 * names, connects in its native code, and a subscriber needs no key (odd-notebooks/own-iopub-subscriber.mjs).
 * Under our runner the kernel's Unix sockets are `../sockets/k-<n>` beside its working folder
 * (jupyter_client numbers the ports 1 to 5); under nbgrader the connection file says where.
 * `keep` is a statement run for every message, which it sees as `message: { type, content }`.
 */
export const IOPUB_SUBSCRIBER = (keep) => String.raw`{
${IOPUB_ADDRESSES}  for (const address of addresses) {
    const sub = new zmq.Subscriber();
    sub.connect(address);
    sub.subscribe();
    (async () => {
      for await (const raw of sub) {
        const parts = raw.map((b: any) => b.toString());
        const i = parts.indexOf("<IDS|MSG>");
        const message = { type: JSON.parse(parts[i + 2]).msg_type, content: JSON.parse(parts[i + 5]) };
        ${keep}
      }
    })().catch(() => undefined);
  }
}`;

/**
 * Statements that subscribe to the kernel's own IOPub, as IOPUB_SUBSCRIBER does, and declare
 * `copyResult(make)`: called by the answer while a test runs it, it queues a microtask, which runs
 * once the test's code has returned and before the kernel ends the cell. There it reads, for 300 ms,
 * every message the subscriptions receive (zeromq hands over a message already received at once,
 * without waiting for the event loop, when the socket's receive timeout is 0), among them the result
 * the test published, and calls `make(result)` with each result, token and all: what `make` prints
 * or shows lands in the test cell, after the test's own result. The cell should then let the event
 * loop turn (an `await` of a timer), so that the subscriptions reach the kernel before a test runs.
 */
export const RESULT_COPIER = String.raw`const copiers: any[] = [];
{
${IOPUB_ADDRESSES}  for (const address of addresses) {
    const sub = new zmq.Subscriber();
    sub.receiveTimeout = 0;
    sub.connect(address);
    sub.subscribe();
    copiers.push(sub);
  }
}
function copyResult(make: (result: any) => void): void {
  queueMicrotask(() => {
    const started = Date.now();
    while (Date.now() - started < 300) {
      for (const sub of copiers) {
        while (sub.readable) {
          sub.receive().then((raw: any) => {
            const parts = raw.map((b: any) => b.toString());
            const i = parts.indexOf("<IDS|MSG>");
            const result = JSON.parse(parts[i + 5]).data?.["application/vnd.neural-mi.result+json"];
            if (typeof result?.attestation === "string") make(result);
          }, () => undefined);
        }
      }
    }
  });
}`;

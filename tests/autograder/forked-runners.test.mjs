// Runners forked from the run's runner server (autograder/src/execute/forked-runners.mjs and
// run_notebook.py --serve), on the course's registered kernel: a runner's lines and end reach
// the grader; one killed, frozen or left without its server is still seen to end; a server that
// cannot start says so, and the grader then starts runners itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ForkedRunners } from "../../autograder/src/execute/forked-runners.mjs";
import { startRunnerServer } from "../../autograder/src/execute/execute-notebook.mjs";
import { autograderDir, projectPython } from "../../autograder/src/util/paths.mjs";

const RUNNER = join(autograderDir, "src", "execute", "run_notebook.py");

/**
 * A job for a one-cell notebook on the registered kernel, its files in a folder of its own, its
 * kernel on Unix sockets there as the grader's are: with TCP, another test's process could take a
 * port between its choice and the kernel's bind, and the kernel would end unstarted.
 * @param {string} root @param {string} source
 */
function job(root, name, source) {
  const dir = join(root, name);
  mkdirSync(join(dir, "runtime"), { recursive: true });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: [{ cell_type: "code", id: "c0", metadata: {}, source, outputs: [], execution_count: null }],
  };
  writeFileSync(join(dir, "input.ipynb"), JSON.stringify(notebook));
  const spec = {
    kernel_name: "tslab",
    cwd: dir,
    notebook: join(dir, "input.ipynb"),
    output: join(dir, "output.ipynb"),
    result: join(dir, "result.json"),
    pid_file: join(dir, "kernel.pid"),
    socket_prefix: join(dir, "k"),
    limits: { cell_timeout: 60, notebook_timeout: 120, startup_timeout: 60, cell_output_bytes: 2 ** 20, notebook_output_bytes: 2 ** 21, max_lines: 100 },
  };
  writeFileSync(join(dir, "job.json"), JSON.stringify(spec));
  return { dir, jobPath: join(dir, "job.json"), stderrPath: join(dir, "stderr.txt"), env: { JUPYTER_RUNTIME_DIR: join(dir, "runtime") } };
}

/** Starts a job; resolves with its lines and how it ended. @param {ForkedRunners} server */
function run(server, spec, { onLine = (/** @type {string} */ _line, /** @type {any} */ _job) => {} } = {}) {
  /** @type {string[]} */
  const lines = [];
  return new Promise((resolve) => {
    const started = server.start({
      ...spec,
      onLine(line) {
        if (line) lines.push(line);
        onLine(line, started);
      },
      onExit(exit) {
        const result = existsSync(join(spec.dir, "result.json")) ? readFileSync(join(spec.dir, "result.json"), "utf8") : "(no result.json)";
        resolve({ lines, exit, pid: started.pid, result });
      },
    });
  });
}

/**
 * Kills the kernels of the jobs under `root` (each runner writes its kernel's pid): a kernel
 * leads a session of its own and outlives a runner killed under it, as the grader knows
 * (execute-notebook.mjs kills it from its pid file).
 */
function killKernels(root) {
  for (const name of readdirSync(root)) {
    try {
      process.kill(Number(readFileSync(join(root, name, "kernel.pid"), "utf8")), "SIGKILL");
    } catch {
      // no kernel, or gone
    }
  }
}

const waitUntil = async (/** @type {() => boolean} */ condition, seconds = 60) => {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};

/** A test with a runner server of its own in a folder of its own, stopped with its runners' kernels after it. */
const withServer = (/** @type {(server: ForkedRunners, root: string) => Promise<void>} */ body) => async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "forked-runners-")));
  const server = new ForkedRunners(projectPython(), RUNNER, root);
  try {
    assert.equal(await server.ready, true, server.serverStderr);
    await body(server, root);
  } finally {
    server.killAll();
    killKernels(root);
    rmSync(root, { recursive: true, force: true });
  }
};

test("forked runners run notebooks side by side, their lines and ends told apart", withServer(async (server, root) => {
  const [first, second] = await Promise.all([run(server, job(root, "a", "console.log(6 * 7)")), run(server, job(root, "b", "console.log('b'.repeat(3))"))]);
  for (const [outcome, text] of [[first, "42"], [second, "bbb"]]) {
    assert.deepEqual(outcome.exit, { code: 0, signal: null, stderr: outcome.exit.stderr });
    assert.ok(outcome.lines.includes("ready") && outcome.lines.includes("cell 1/1"), `${outcome.lines.join("\n")}\n${outcome.result}`);
  }
  assert.notEqual(first.pid, second.pid);
  assert.match(readFileSync(join(root, "a", "output.ipynb"), "utf8"), /42/);
  assert.match(readFileSync(join(root, "b", "output.ipynb"), "utf8"), /bbb/);
  assert.equal(JSON.parse(readFileSync(join(root, "a", "result.json"), "utf8")).outcome, "completed");
}));

test("a runner killed, or frozen then killed, ends with the signal; the server goes on", withServer(async (server, root) => {
  const slow = "await new Promise((resolve) => setTimeout(resolve, 60_000));";
  const killed = await run(server, job(root, "killed", slow), {
    onLine: (line, started) => line === "cell 1/1" && process.kill(-started.pid, "SIGKILL"),
  });
  assert.equal(killed.exit.signal, "SIGKILL");
  assert.equal(existsSync(join(root, "killed", "result.json")), false);
  let lastLine = 0;
  const frozenRun = run(server, job(root, "frozen", slow), {
    onLine: (line, started) => {
      lastLine = Date.now();
      if (line === "cell 1/1") process.kill(-started.pid, "SIGSTOP");
    },
  });
  // stopped, it says nothing more (the grader kills a runner silent for 10 s)
  assert.ok(await waitUntil(() => lastLine > 0 && Date.now() - lastLine > 3000, 60));
  const [frozen] = [...server.jobs.values()];
  frozen.kill();
  assert.equal((await frozenRun).exit.signal, "SIGKILL");
  const after = await run(server, job(root, "after", "1 + 1"));
  assert.equal(after.exit.code, 0, after.exit.stderr);
}));

test("a runner whose server is killed is still seen to end, and the server is known to be gone", withServer(async (server, root) => {
  const orphan = run(server, job(root, "orphan", "await new Promise((resolve) => setTimeout(resolve, 3000)); 7"), {
    onLine: (line) => line === "cell 1/1" && server.server.kill("SIGKILL"),
  });
  const { exit } = await orphan;
  assert.equal(server.alive, false);
  // its notebook finished (its result is there), though no one could tell how the process ended
  assert.deepEqual([exit.code, exit.signal], [null, null]);
  assert.equal(JSON.parse(readFileSync(join(root, "orphan", "result.json"), "utf8")).outcome, "completed");
}));

test("a server that cannot start is reported, and notebooks get runners of their own", async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "forked-runners-")));
  try {
    const fake = join(root, "python");
    writeFileSync(fake, "#!/bin/sh\necho 'this python runs no server' >&2\nexit 3\n", { mode: 0o755 });
    const { runners, message } = await startRunnerServer(fake, root);
    assert.equal(runners, null);
    assert.match(message, /each started afresh \(the runner server did not start: this python runs no server\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

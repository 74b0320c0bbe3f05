// npm test's parts: most files side by side, longest first, with the files that mostly wait
// beside them (scripts/test/lanes.mjs);
// and the report of a run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { repoRoot } from "../../scripts/lib/paths.mjs";
import { sideBySideConcurrency, splitLanes } from "../../scripts/test/lanes.mjs";
import { runFiles } from "../../scripts/test/run-files.mjs";

const inRepo = (relative) => path.join(repoRoot, relative);

test("the long files start first and new files after them; files that mostly wait run beside them, the hostile cells' file among them; none runs alone", () => {
  const [net, csv, hostile, login, view, cycle, odd, age, password] = [
    "tests/lib/net.test.mjs",
    "tests/autograder/csv.test.mjs",
    "tests/autograder/hostile.test.mjs",
    "tests/hub/login.test.mjs",
    "tests/browser/student-view.test.mjs",
    "tests/autograder/course-cycle.test.mjs",
    "tests/autograder/odd-notebooks.test.mjs",
    "tests/hub/server-age.test.mjs",
    "tests/hub/password.test.mjs",
  ].map(inRepo);
  const { shared, waiting, alone } = splitLanes([net, password, csv, hostile, login, view, age, cycle, odd]);
  assert.deepEqual(shared, [cycle, odd, net, csv, login]);
  // the waiting files keep their own order, longest first, whatever the order given
  assert.deepEqual(waiting, [hostile, age, view, password]);
  assert.deepEqual(alone, []);
});

test("the library's files share nodes in groups of consecutive names, after the longest files; those that change the process or run longest keep their own", () => {
  const library = fs.readdirSync(inRepo("tests/lib")).filter((name) => name.endsWith(".test.mjs"));
  const [backend, honesty, plotDisplay, net, csv] = ["tests/lib/backend.test.mjs", "tests/lib/honesty.test.mjs", "tests/lib/plot-display.test.mjs", "tests/lib/net.test.mjs", "tests/autograder/csv.test.mjs"].map(inRepo);
  const files = [csv, ...library.map((name) => inRepo(`tests/lib/${name}`)).reverse()];
  const { shared } = splitLanes(files);
  const groups = shared.filter((unit) => typeof unit !== "string");
  assert.ok(groups.length >= 3 && groups.every((unit) => unit.group.length >= 10 && unit.group.length <= 17), JSON.stringify(groups.map((unit) => unit.group.length)));
  assert.deepEqual(shared.slice(1, 1 + groups.length), groups, "the groups start after the longest known files, here the honesty checks");
  assert.equal(shared[0], honesty);
  const grouped = groups.flatMap((unit) => unit.group);
  assert.deepEqual(grouped, [...grouped].sort(), "in name order, whatever the order given");
  assert.ok(grouped.includes(net));
  for (const own of [backend, honesty, plotDisplay, csv]) {
    assert.ok(!grouped.includes(own) && shared.includes(own), `${path.relative(repoRoot, own)} keeps a node of its own`);
  }
  assert.equal(grouped.length + shared.length - groups.length, files.length, "every file runs once");
  assert.deepEqual(splitLanes([net]).shared, [net], "a lone library file is not a group");
  // a run given --test-name-pattern: the files' top-level tests, named by their files, would not match
  assert.ok(splitLanes(files, { shareProcesses: false }).shared.every((unit) => typeof unit === "string"));
});

test("NEURAL_MI_TEST_CONCURRENCY sets how many files run at once, and a bad value is named", () => {
  assert.equal(sideBySideConcurrency({}), 2);
  assert.equal(sideBySideConcurrency({ NEURAL_MI_TEST_CONCURRENCY: "3" }), 3);
  assert.throws(() => sideBySideConcurrency({ NEURAL_MI_TEST_CONCURRENCY: "two" }), /must be a positive integer, got "two"/);
});

// without the outer runner's context, which would make the inner node --test report to it instead
const { NODE_TEST_CONTEXT, ...outerEnv } = process.env;
const runTests = (...files) => spawnSync(process.execPath, ["scripts/test.mjs", ...files], { cwd: repoRoot, encoding: "utf8", env: { ...outerEnv, INIT_CWD: repoRoot } });

test("a run prints each file's report whole, then each file's wall and CPU time and the totals; library files share a node and keep their rows", () => {
  const run = runTests("tests/autograder/progress.test.mjs", "tests/autograder/names-and-places.test.mjs", "tests/env/requirements.test.mjs", "tests/lib/net.test.mjs", "tests/lib/bounds.test.mjs");
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /total: [\d.]+ s for 5 test file\(s\), \d+ s of CPU$/m);
  for (const file of ["progress", "names-and-places", "requirements"]) {
    assert.match(run.stdout, new RegExp(`[\\d.]+ s +\\d+ s CPU {4}tests/\\w+/${file}\\.test\\.mjs$`, "m"));
  }
  assert.match(run.stdout, /^✔ 2 files in one node: tests\/lib\/bounds\.test\.mjs, tests\/lib\/net\.test\.mjs \(/m);
  for (const file of ["bounds", "net"]) {
    assert.match(run.stdout, new RegExp(`^▶ tests/lib/${file}\\.test\\.mjs$`, "m"), "its tests reported under its name");
    assert.match(run.stdout, new RegExp(`[\\d.]+ s +[\\d.]+ s CPU {4}tests/lib/${file}\\.test\\.mjs \\(shared node\\)$`, "m"));
  }
});

test("files sharing a node: each one's hooks serve its own tests, a failure is named by its file and test, and the files after it still run", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lanes-"));
  try {
    // each file's before sets the state its tests check and its after clears it: hooks shared
    // by the process's root would run every file's before first and the afters part-way
    const write = (name, body) => {
      const file = path.join(dir, name);
      fs.writeFileSync(
        file,
        `import { before, after, test } from "node:test";\nimport assert from "node:assert/strict";\n` +
          `before(async () => { await new Promise((r) => setTimeout(r, 20)); globalThis.owner = ${JSON.stringify(name)}; });\n` +
          `after(() => { globalThis.owner = undefined; });\n${body}\n`,
      );
      return file;
    };
    const checkOwner = (name) => `test("${name} sees its own before", async () => { await new Promise((r) => setTimeout(r, 20)); assert.equal(globalThis.owner, "${name}.test.mjs"); });`;
    const first = write("first.test.mjs", checkOwner("first"));
    const failing = write("failing.test.mjs", `${checkOwner("failing")}\ntest("breaks", () => { throw new Error("broken on purpose"); });`);
    const last = write("last.test.mjs", checkOwner("last"));
    const [result] = await runFiles([{ group: [first, failing, last] }], { concurrency: 1 });
    assert.equal(result.status, 1, result.output);
    assert.deepEqual(result.failures.map(({ file, name }) => [file, name]), [[failing, "breaks"]], result.output);
    assert.match(result.failures[0].error, /broken on purpose/);
    assert.deepEqual(result.files.map(({ file, passed }) => [file, passed]), [[first, true], [failing, false], [last, true]], result.output);
    assert.match(result.output, /✔ last sees its own before/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a file's CPU time counts the processes it started, not only its own", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lanes-"));
  try {
    // 1.5 s of CPU in the test's process and 1.5 s in a child it waits for, however loaded the
    // machine; without the child's, the file would report about 2 s (its processes' start-up)
    const burn = "const start = process.cpuUsage(); for (let u = start; u.user + u.system < 1.5e6; u = process.cpuUsage(start));";
    const file = path.join(dir, "busy.test.mjs");
    fs.writeFileSync(
      file,
      `import { test } from "node:test";\nimport { spawnSync } from "node:child_process";\n` +
        `test("busy", () => { ${burn} spawnSync(process.execPath, ["-e", ${JSON.stringify(burn)}]); });\n`,
    );
    const run = runTests(file);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const cpu = Number(run.stdout.match(/busy\.test\.mjs \([\d.]+ s, (\d+) s CPU;/)?.[1]);
    assert.ok(cpu >= 3 && cpu < 6, `reported ${cpu} s of CPU for 3 s of work:\n${run.stdout}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// `node --test <file>` started a node that only started the file's own and relayed its events:
// about 0.15 s of CPU a file, some 30 s over the suite
test("each file runs in the one node the run starts for it, with nothing between", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lanes-"));
  try {
    const seen = path.join(dir, "parent.txt");
    const file = path.join(dir, "parent.test.mjs");
    fs.writeFileSync(
      file,
      `import { test } from "node:test";\nimport fs from "node:fs";\n` +
        `test("its parent", () => fs.writeFileSync(${JSON.stringify(seen)}, fs.readFileSync("/proc/" + process.ppid + "/cmdline", "utf8").split("\\0").join(" ")));\n`,
    );
    const run = runTests(file);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✔ its parent/);
    assert.match(fs.readFileSync(seen, "utf8"), /scripts\/test\.mjs/, "the file's parent is the run itself");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a failing file and a skipped test fail the run and are named; the other files still run", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-lanes-"));
  try {
    const write = (name, body) => {
      fs.writeFileSync(path.join(dir, name), `import { test } from "node:test";\n${body}\n`);
      return path.join(dir, name);
    };
    const failing = write("failing.test.mjs", `test("one", () => { throw new Error("broken on purpose"); });\ntest("two", () => {});`);
    const skipping = write("skipping.test.mjs", `test("left out", { skip: "not ready" }, () => {});`);
    const passing = write("passing.test.mjs", `test("fine", () => {});`);
    const run = runTests(failing, skipping, passing);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /; 1 failed: .*failing\.test\.mjs$/m);
    assert.match(run.stdout, /skip: .*skipping\.test\.mjs › left out \(not ready\)/);
    assert.match(run.stdout, /✔ .*passing\.test\.mjs \(/);
    // The failing file's report is in one piece: its two tests and its error, then its end line.
    const report = run.stdout.slice(run.stdout.indexOf("one"), run.stdout.indexOf("✖ " + path.relative(repoRoot, failing)));
    assert.match(report, /broken on purpose/);
    assert.match(report, /two/);
    assert.doesNotMatch(report, /fine|left out/);
    // After the table, the failed test again with its error, where a log's last lines show it.
    const digest = run.stdout.slice(run.stdout.indexOf("what failed"));
    assert.match(digest, /✖ .*failing\.test\.mjs › one\n {4}Error: broken on purpose/);
    assert.doesNotMatch(digest, /› two|node:internal/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

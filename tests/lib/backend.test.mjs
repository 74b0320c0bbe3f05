import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/paths.mjs";

// Backend selection happens once per process, so each case runs in a fresh node.
const root = repoRoot;

function run(source, env = {}) {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    cwd: root,
    env: { ...process.env, NEURAL_MI_BACKEND: "", ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

const TRAIN_A_LITTLE = `
  const { courseData, Net, MINETrainer } = await import("neural-mi");
  const d = courseData({ n: 100 });
  const net = new Net({ hiddenSize: 8 });
  const trainer = new MINETrainer(d.x, d.y, net);
  trainer.step(1);
`;

test("the default is WASM when tfjs-node is absent; it trains and prints nothing to stderr", () => {
  const r = run(`
    import { init, backendInfo } from "neural-mi";
    const info = await init();
    ${TRAIN_A_LITTLE}
    console.log(JSON.stringify([info, backendInfo(), info === await init()]));
  `);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  const [info, again, same] = JSON.parse(r.stdout);
  assert.equal(info.name, "wasm");
  assert.match(info.reason, /default \(@tensorflow\/tfjs-node is not installed\.\)/);
  assert.match(info.version, /^tfjs-core 4\.22\.0, tfjs-backend-wasm 4\.22\.0$/);
  assert.equal(info.description, "TensorFlow.js computes on WebAssembly (the default; the optional native @tensorflow/tfjs-node is not installed).");
  assert.deepEqual(again, info);
  assert.equal(same, true, "init() is idempotent");
});

test("the cpu backend can be forced, by option or environment, still silent on stderr", () => {
  for (const [source, env, why] of [
    [`const info = await init({ backend: "cpu" });`, {}, /init\(\{ backend: "cpu" \}\)/],
    [`const info = await init({ backend: "wasm" });`, { NEURAL_MI_BACKEND: "cpu" }, /NEURAL_MI_BACKEND=cpu/],
  ]) {
    const r = run(`import { init } from "neural-mi"; ${source} ${TRAIN_A_LITTLE} console.log(JSON.stringify(info));`, env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "", "tfjs's cpu greeting must not reach stderr");
    const info = JSON.parse(r.stdout);
    assert.equal(info.name, "cpu");
    assert.match(info.reason, why);
    assert.match(info.description, /^TensorFlow\.js computes on plain JavaScript, the slow cpu backend \(asked for by /);
  }
});

test("using the library before init() says what to do", () => {
  const r = run(`
    import * as mi from "neural-mi";
    const attempts = {
      backendInfo: () => mi.backendInfo(),
      Net: () => new mi.Net(),
      dvBound: () => mi.dvBound(null, null),
      MINETrainer: () => new mi.MINETrainer([[1]], [[1]], {}),
      estimateMI: () => mi.estimateMI([[1]], [[1]]),
    };
    const messages = [];
    for (const [name, f] of Object.entries(attempts)) {
      try { await f(); messages.push(name + ": no error"); } catch (e) { messages.push(name + ": " + e.message); }
    }
    console.log(JSON.stringify(messages));
  `);
  assert.equal(r.status, 0, r.stderr);
  for (const message of JSON.parse(r.stdout)) {
    assert.match(message, /: neural-mi: the backend is not ready; run `await init\(\)` first$/);
  }
});

test("asking for another backend after the choice, or an unknown one, is an error", () => {
  // a misspelt option or a bare name is refused before any choice (init({ backnd: "cpu" }) chose the default for the process)
  const r = run(`
    import { init } from "neural-mi";
    try { await init({ backnd: "cpu" }); } catch (e) { console.log(e.message); }
    try { await init("cpu"); } catch (e) { console.log(e.message); }
    await init();
    try { await init({ backend: "cpu" }); } catch (e) { console.log(e.message); }
  `);
  assert.match(r.stdout, /init\(opts\) got an unknown option "backnd" \(did you mean "backend"\?\)/);
  assert.match(r.stdout, /init\(opts\) expects an object such as \{ backend: "wasm" \}, got "cpu"; pass \{ backend: "cpu" \}/);
  assert.match(r.stdout, /the backend is already "wasm" .* chosen once per process; restart the kernel or process to use "cpu"/);
  const bad = run(`import { init } from "neural-mi"; try { await init(); } catch (e) { console.log(e.message); }`, {
    NEURAL_MI_BACKEND: "gpu",
  });
  assert.match(bad.stdout, /NEURAL_MI_BACKEND is "gpu"; use one of "wasm", "tensorflow", "cpu"/);
  const forced = run(`import { init } from "neural-mi"; try { await init({ backend: "tensorflow" }); } catch (e) { console.log(e.message); }`);
  assert.match(forced.stdout, /cannot use the "tensorflow" backend asked for by init\(\{ backend: "tensorflow" \}\): @tensorflow\/tfjs-node is not installed/);
});

test("a tfjs-node that is installed but broken, or registers nothing, falls back to WASM", () => {
  const dir = mkdtempSync(join(tmpdir(), "fake-tfjs-node-"));
  try {
    const pkg = join(dir, "@tensorflow", "tfjs-node");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@tensorflow/tfjs-node", version: "4.22.0", main: "index.js" }));
    const cases = [
      ["throw new Error('libtensorflow.so: cannot open shared object file');", /installed but failed to load: libtensorflow\.so: cannot open shared object file/],
      ["module.exports = { version: { 'tfjs-node': '4.22.0' } };", /loaded but did not register the "tensorflow" backend/],
    ];
    for (const [body, reason] of cases) {
      writeFileSync(join(pkg, "index.js"), body);
      const r = run(`import { init } from "neural-mi"; console.log(JSON.stringify(await init()));`, { NODE_PATH: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      const info = JSON.parse(r.stdout);
      assert.equal(info.name, "wasm");
      assert.match(info.reason, reason);
    }
    // one that registers a working backend under the name "tensorflow" is chosen by default
    writeFileSync(
      join(pkg, "index.js"),
      `const tf = require(${JSON.stringify(join(root, "node_modules/@tensorflow/tfjs-core"))});
       const { MathBackendCPU } = require(${JSON.stringify(join(root, "node_modules/@tensorflow/tfjs-backend-cpu"))});
       for (const kernel of tf.getKernelsForBackend("cpu")) tf.registerKernel({ ...kernel, backendName: "tensorflow" });
       tf.registerBackend("tensorflow", () => new MathBackendCPU(), 3);
       module.exports = { version: { "tfjs-node": "4.22.0" } };`,
    );
    const r = run(`import { init } from "neural-mi"; const info = await init(); ${TRAIN_A_LITTLE} console.log(JSON.stringify(info));`, {
      NODE_PATH: dir,
    });
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.equal(info.name, "tensorflow");
    assert.match(info.reason, /tfjs-node is installed and loads/);
    assert.match(info.version, /tfjs-node 4\.22\.0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

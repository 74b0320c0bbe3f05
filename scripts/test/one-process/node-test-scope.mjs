// What `node:test` is to a test file run in a shared process (scripts/test/one-process/): the
// file's top-level tests and hooks are registered on a test named after the file, so that its
// `before` runs before its own tests only and its tests are reported, and fail, under its name.
// Run alone, top-level hooks would belong to the process's root test, shared by every file in it
// (node 20 runs all of their `before`s before the first test and their `after`s part-way).
import * as nodeTest from "node:test";

let fileContext = null;
let registered = [];

function scope(what) {
  if (fileContext === null) {
    throw new Error(`${what}() was called after its test file's import had finished; in a shared test process (scripts/test/one-process/) top-level tests and hooks must be registered while the file loads, or the file must run in a process of its own (scripts/test/lanes.mjs, OWN_PROCESS)`);
  }
  return fileContext;
}

export function test(...args) {
  const done = scope("test").test(...args);
  registered.push(done);
  return done;
}
export const it = test;
export const before = (...args) => scope("before").before(...args);
export const after = (...args) => scope("after").after(...args);
export const beforeEach = (...args) => scope("beforeEach").beforeEach(...args);
export const afterEach = (...args) => scope("afterEach").afterEach(...args);
export const mock = nodeTest.mock;
export default test;

/** Runs `load` (the file's import) inside a top-level test named `name`, and the tests it registers. */
export function testsOfFile(name, load) {
  return nodeTest.test(name, async (context) => {
    fileContext = context;
    registered = [];
    try {
      await load();
    } finally {
      await Promise.all(registered);
      fileContext = null;
    }
  });
}

// Names declared in one cell are usable in later cells in every syntactic position,
// including the shorthand property `{ name }`, which stock tslab leaves unrewritten
// ("name is not defined").
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { kernelSession } from "./helpers.mjs";

const stdout = (result) =>
  result.iopub
    .filter(([type, content]) => type === "stream" && content.name === "stdout")
    .map(([, content]) => content.text)
    .join("");

// Both tests' cells in one kernel, one after the other (their names do not meet): the shorthand
// cases' five results first, then the declarations' four.
let shorthandResults;
let declarationResults;
before(async () => {
  const { results } = await kernelSession({
    requests: [
      { code: "const groundTruth = 0.42;\nlet estimate = 1;\nlet spare: number | undefined;" },
      { code: "const report = { groundTruth, estimate };\nconsole.log(JSON.stringify(report));" },
      { code: "({ estimate } = { estimate: 0.4 });\nconsole.log(estimate);" },
      { code: "({ spare = groundTruth } = {});\nconsole.log(spare);" },
      // a shorthand naming this cell's own variable is left as it is
      { code: "const local = 7;\nconsole.log(JSON.stringify({ local, groundTruth }));" },
      {
        code: [
          'import { gaussianMI as miOf } from "neural-mi";',
          "const [first, { second }] = [1, { second: 2 }];",
          "let counter = 0;",
          "var legacy = 3;",
          "function twice(v: number) { return 2 * v; }",
          "class Box { constructor(readonly size: number) {} }",
          "interface Shape { size: number }",
          "type Pair = [number, number];",
          "enum Level { Low = 1, High }",
          "namespace Units { export const nats = \"nats\"; }",
          "async function* count() { yield 1; }",
        ].join("\n"),
      },
      {
        code: [
          "const shape: Shape = new Box(twice(first + second + legacy));",
          "const pair: Pair = [Level.High, counter];",
          "console.log(shape.size, pair.join(), Units.nats, miOf(0).toFixed(1), typeof count);",
        ].join("\n"),
      },
      // a cell whose declarations a later one cannot see fails to compile there
      { code: "{ const hidden = 1; }\nif (true) { var lifted = 4; }" },
      { code: "console.log(lifted);\nconsole.log(hidden);", stop_on_error: false },
    ],
  });
  shorthandResults = results.slice(0, 5);
  declarationResults = results.slice(5);
});

test("a shorthand property names an earlier cell's variable: read, destructured into, with a default", () => {
  const results = shorthandResults;
  for (const [i, result] of results.entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.equal(stdout(results[1]), '{"groundTruth":0.42,"estimate":1}\n');
  assert.equal(stdout(results[2]), "0.4\n");
  assert.equal(stdout(results[3]), "0.42\n");
  assert.equal(stdout(results[4]), '{"local":7,"groundTruth":0.42}\n');
});

test("every kind of top-level declaration reaches the next cell, as a value and as a type", () => {
  const results = declarationResults;
  for (const i of [0, 1, 2]) assert.equal(results[i].reply.status, "ok", `cell ${i}: ${results[i].reply.evalue}`);
  assert.equal(stdout(results[1]), "12 2,0 nats 0.0 function\n");
  assert.match(results[3].reply.evalue ?? "", /Cannot find name 'hidden'/);
});

// Names declared in one cell are usable in later cells in every syntactic position,
// including the shorthand property `{ name }`, which stock tslab leaves unrewritten
// ("name is not defined").
import assert from "node:assert/strict";
import { test } from "node:test";
import { kernelSession } from "./helpers.mjs";

const stdout = (result) =>
  result.iopub
    .filter(([type, content]) => type === "stream" && content.name === "stdout")
    .map(([, content]) => content.text)
    .join("");

test("a shorthand property names an earlier cell's variable: read, destructured into, with a default", async () => {
  const { results } = await kernelSession({
    requests: [
      { code: "const groundTruth = 0.42;\nlet estimate = 1;\nlet spare: number | undefined;" },
      { code: "const report = { groundTruth, estimate };\nconsole.log(JSON.stringify(report));" },
      { code: "({ estimate } = { estimate: 0.4 });\nconsole.log(estimate);" },
      { code: "({ spare = groundTruth } = {});\nconsole.log(spare);" },
      // a shorthand naming this cell's own variable is left as it is
      { code: "const local = 7;\nconsole.log(JSON.stringify({ local, groundTruth }));" },
    ],
  });
  for (const [i, result] of results.entries()) assert.equal(result.reply.status, "ok", `cell ${i}: ${result.reply.evalue}`);
  assert.equal(stdout(results[1]), '{"groundTruth":0.42,"estimate":1}\n');
  assert.equal(stdout(results[2]), "0.4\n");
  assert.equal(stdout(results[3]), "0.42\n");
  assert.equal(stdout(results[4]), '{"local":7,"groundTruth":0.42}\n');
});

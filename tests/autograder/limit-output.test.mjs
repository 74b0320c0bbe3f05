// The runner's output limits are nbgrader's own LimitOutput, imported only for a cell
// that needs it (importing nbgrader costs every notebook run a second or two otherwise).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pythonJson, repoRoot } from "./helpers.mjs";

const LIMIT_CELLS = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(repoRoot, "autograder", "src", "execute"))})
import nbformat
from run_notebook import limit_output

def stream(lines):
    return nbformat.v4.new_output("stream", name="stdout", text="\\n".join(f"line {i}" for i in range(lines)))

def error(lines):
    return nbformat.v4.new_output("error", ename="Error", evalue="failed", traceback=[f"frame {i}" for i in range(lines)])

def run(outputs):
    cell = nbformat.v4.new_code_cell("x", outputs=outputs)
    limit_output(cell, 1000)
    return cell.outputs

small = run([stream(10), error(100)])
imported_for_small = "nbgrader" in sys.modules
large = run([stream(700), stream(700), stream(5), error(300)])
print(json.dumps({"small": small, "imported_for_small": imported_for_small, "large": large}))
`;

test("output within the limits is left alone without importing nbgrader; beyond them nbgrader's LimitOutput cuts it", () => {
  const { small, imported_for_small, large } = pythonJson(LIMIT_CELLS, null);
  assert.equal(imported_for_small, false, "a cell within the limits must not pay for importing nbgrader");
  assert.equal(small[0].text.split("\n").length, 10);
  assert.equal(small[1].traceback.length, 100);
  // 1000 lines of stream text in all: the second stream is cut, the third dropped
  const streams = large.filter((output) => output.output_type === "stream");
  assert.equal(streams.length, 2);
  assert.equal(streams.reduce((sum, output) => sum + output.text.split("\n").length, 0), 1000);
  assert.match(streams[1].text, /\.\.\. Output truncated \.\.\.$/);
  const traceback = large.find((output) => output.output_type === "error").traceback;
  assert.equal(traceback.length, 100);
  assert.deepEqual([traceback[0], traceback[50], traceback[99]], ["frame 0", "... Traceback truncated ...", "frame 299"]);
});

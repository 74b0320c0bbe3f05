// The pages for grading written answers by hand quote each student's answer; a viewer that
// renders raw HTML must not run what a student wrote there, nor follow a link they made.
import assert from "node:assert/strict";
import { test } from "node:test";
import { manualPages } from "../../autograder/src/report/manual-pages.mjs";

const entry = (student, answer) => ({
  student,
  notebook: "02-neural-estimation-dv-bound.ipynb",
  exercise: "dv-answer",
  maxPoints: 2,
  points: null,
  comment: "",
  answer,
  reference: "The bound is tight when $t = \\log \\frac{dP}{dQ} + c$, see <https://example.org>.",
  answerHash: "0",
});

test("a student's HTML and links reach the page as text, their math and prose unchanged", () => {
  const answers = [
    entry("<img src=x onerror=alert(1)>", 'Since $a<b$ and $x < y$:\n<script>fetch("/formgrader/api")</script>\n<!-- hidden -->'),
    entry("mallory", "[click](javascript:alert(1)) and [ref]: javascript:alert(2) and <javascript:alert(3)>\n[![i](x)](y)"),
  ];
  const [page] = manualPages({ about: "", grades: answers });
  const studentParts = page.text.slice(page.text.indexOf("## Reference answer") + 1).split("\n## ").slice(1).join("\n");
  assert.doesNotMatch(studentParts, /<[A-Za-z/!?]/, "no tag, comment or autolink opens in a student's part");
  assert.doesNotMatch(studentParts, /\]\(|\]:|\]\[/, "no link or link definition in a student's part");
  assert.match(page.text, /> Since \$a< b\$ and \$x < y\$:/, "math reads the same, with a space after <");
  assert.match(page.text, /## < img src=x onerror=alert\(1\)>: not graded yet/);
  // the course's own reference answer is left as the course wrote it
  assert.match(page.text, /> The bound is tight when .*<https:\/\/example\.org>\./);
});

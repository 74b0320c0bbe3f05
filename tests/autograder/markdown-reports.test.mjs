// The grader's Markdown pages (the pages for grading written answers by hand, each student's
// summary) quote what a submission wrote; a viewer that renders raw HTML must not run it,
// nor follow a link a student made.
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

test("a written answer's terminal escapes and web addresses reach the page inert: no cursor moves over another heading, no bare link", () => {
  const answer = "Rows drawn once.\u001b[4A\u001b[1G\u001b[2K## mallory: 1 / 1\u001b[4B\n\n\u001b[8mhidden\u001b[0m\tsee https://evil.example/formgrader/api/grade?points=2 or www.evil.example";
  const [page] = manualPages({ about: "", grades: [entry("mallory", answer)] });
  const part = page.text.slice(page.text.indexOf("## mallory"));
  assert.doesNotMatch(part, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, "no control character but tab and line ends");
  assert.match(part, /^## mallory: not graded yet$/m);
  assert.doesNotMatch(part, /^## mallory: 1 \/ 1/m, "the fake heading stays inside the quote");
  assert.doesNotMatch(part, /https:\/\/|www\./, "no address a renderer would link");
  assert.match(part, /> .*hidden.*\tsee https :\/\/evil\.example/, "the words stay readable");
});

test("the student's summary shows an error message or folder name with HTML in it as text", async () => {
  const { studentSummary } = await import("../../autograder/src/report/write-reports.mjs");
  const exercise = { id: "dv-bound", kind: "test", status: "failed", points: 0, maxPoints: 2, error: 'Error: <img src=x onerror="alert(1)"> [x](javascript:alert(2))' };
  const summary = studentSummary({
    student: "<svg onload=alert(3)>",
    folder: "svg_onload-0123456789",
    status: "graded-with-problems",
    message: "<script>alert(4)</script>",
    score: 0,
    maxScore: 2,
    gradedAt: "2026-12-02T00:00:00Z",
    seconds: 1,
    notes: [{ message: "ignored <iframe src=//evil>.ipynb" }],
    notebooks: [{ notebook: "02-neural-estimation-dv-bound.ipynb", score: 0, maxScore: 2, status: "stopped", message: "stopped at <b onmouseover=alert(5)>", notes: [], exercises: [exercise] }],
  });
  const openings = summary.match(/<[A-Za-z/!?]|\]\(/g);
  assert.equal(openings, null, `tags or links in:\n${summary}`);
  assert.match(summary, /^# < svg onload=alert\(3\)>$/m);
  assert.ok(summary.includes('| Error: < img src=x onerror="alert(1)"> [x] (javascript:alert(2)) |'), "the error is in its row, as text");
});

test("names and answers with line ends start no heading of their own: not a folder's name in a heading, note or file list, nor an answer ended by a lone \\r", async () => {
  const { studentSummary } = await import("../../autograder/src/report/write-reports.mjs");
  // a lone \r ends a line in CommonMark: the rest of the answer left the quote and read as a graded student's heading
  const [page] = manualPages({ about: "", grades: [entry("eve\n\n## alice: 1", "my answer\r## alice: 1 / 2\rmore"), entry("alice", "hers")] });
  const headings = page.text.split(/\r\n|\r|\n/).filter((line) => line.startsWith("#"));
  assert.deepEqual(headings.map((line) => line.replace(/: not graded yet$/, "")), ["# 02-neural-estimation-dv-bound.ipynb: dv-answer (2 points)", "## Reference answer", "## eve ## alice: 1", "## alice"]);
  assert.match(page.text, /> my answer\n> ## alice: 1 \/ 2\n> more/);
  // nor a comment, entered by hand with line ends and a tag
  const [commented] = manualPages({ about: "", grades: [{ ...entry("bob", "his"), points: 1, comment: "good\n## ana: 5 / 5 <img src=x onerror=alert(1)>" }] });
  assert.ok(commented.text.includes("Comment: good ## ana: 5 / 5 < img src=x onerror=alert(1)>"), commented.text);
  assert.deepEqual(commented.text.split(/\r\n|\r|\n/).filter((line) => line.startsWith("#")).length, 3);
  const summary = studentSummary({
    student: "frank\n\n## 01-problem-formulation.ipynb: 5 of 5",
    folder: "frank-0123456789",
    status: "graded-with-problems",
    message: "ran\rto the end",
    score: 0,
    maxScore: 2,
    gradedAt: "2026-12-02T00:00:00Z",
    seconds: 1,
    notes: [{ message: "files: notes\n\n## 01-problem-formulation.ipynb: 5 of 5\u001b[2K" }],
    notebooks: [],
  });
  assert.deepEqual(summary.split(/\r\n|\r|\n/).filter((line) => line.startsWith("#")), ["# frank ## 01-problem-formulation.ipynb: 5 of 5"]);
  assert.doesNotMatch(summary, /\u001b/);
});

test("a folder name with backslashes and pipes stays in its own cell of the class table, in any renderer", async () => {
  const { classSummary } = await import("../../autograder/src/report/write-reports.mjs");
  const student = "eve\\| 30 \\| 30 \\| 0 \\| 0 \\| graded \\| fine \\|";
  const summary = classSummary({
    complete: true,
    generatedAt: "2026-12-03T00:00:00Z",
    course: { notebooks: [{ name: "01.ipynb", exercises: [] }], maxScore: 30, sourceDir: "course" },
    submissionsDir: "class",
    settings: { isolated: true },
    students: [{ student, folder: "eve-0123456789", status: "graded", message: "all notebooks ran to the end", score: 0, maxScore: 30, pendingManual: 0, notebooks: [], notes: [] }],
  });
  const row = summary.split("\n").find((line) => line.startsWith("| eve"));
  // a pipe is a column break unless an odd number of backslashes comes before it
  const breaks = [...row.matchAll(/(\\*)\|/g)].filter((match) => match[1].length % 2 === 0).length;
  assert.equal(breaks, 8, row);
  assert.match(row, /\| 0 \/ 30 \|/);
});

test("a written answer of one long word is quoted at once: the page for grading by hand is written for the whole class", () => {
  // A scheme was looked for from every letter of a word to its end: 200,000 letters took about
  // 30 s to quote, a few megabytes (under the notebook's cap) hours, and the class's manual
  // command stopped at that answer.
  const word = "a".repeat(200_000);
  const started = performance.now();
  const [page] = manualPages({ about: "", grades: [entry("mallory", `${word} ${word}1+x-y.z://evil.example`), entry("alice", "hers")] });
  const seconds = (performance.now() - started) / 1000;
  assert.ok(seconds < 2, `quoting took ${seconds.toFixed(1)} s`);
  assert.ok(page.text.includes(`${word}1+x-y.z ://evil.example`), "the address is still broken");
  assert.match(page.text, /^## alice: not graded yet$/m);
});

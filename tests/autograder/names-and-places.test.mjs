// Where results and grading folders go: result folder names that no two student
// folders share, a grading folder that kernels of their own users can reach, and kernel
// sockets on a path short enough for a Unix socket.
import assert from "node:assert/strict";
import fs, { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import os from "node:os";
import path, { join } from "node:path";
import { test } from "node:test";
import { resultFolderName } from "../../autograder/src/grade/class-folder.mjs";
import { MAX_SOCKET_PREFIX_BYTES, createJobSandbox, removeJobSandbox } from "../../autograder/src/execute/isolation.mjs";
import { gradingBase } from "../../autograder/src/execute/isolation.mjs";
import { repoRoot, temporaryDir } from "./helpers.mjs";

test("plain names are their own result folder; any other gets a readable form and a hash of the exact name", () => {
  assert.equal(resultFolderName("alice"), "alice");
  assert.equal(resultFolderName("jane.doe-2"), "jane.doe-2");
  // 80 bits of the hash: with 40, a folder named to share another's readable form (any run of other
  // characters is one "_", and only 40 characters are kept) took her result folder and her work folder
  // for some 10^12 hashes, minutes on a graphics card; the later one graded then wrote over the other's
  // executed notebooks, and two graded at once shared the runner's private folder
  assert.match(resultFolderName("Jos\u00e9 N\u00fa\u00f1ez"), /^jose_nunez-[0-9a-f]{20}$/);
  assert.match(resultFolderName(".hidden"), /^hidden-[0-9a-f]{20}$/);
  assert.match(resultFolderName("\u{1F600}"), /^student-[0-9a-f]{20}$/);
  assert.ok(resultFolderName("x".repeat(255)).length <= 61);
  // a plain name that ends like the shorter hash is its own folder
  assert.equal(resultFolderName("jose_nunez-3f9a0c12de"), "jose_nunez-3f9a0c12de");
});

test("no two names share a result folder, even ignoring case, Unicode form, or a plain name made to look hashed", () => {
  const nfc = "Jos\u00e9 N\u00fa\u00f1ez";
  const names = [nfc, nfc.normalize("NFD"), "jose_nunez", "Jose_Nunez", "JOSE_NUNEZ", "Alice", "alice", "ALICE", "alice.", "a b", "a_b", "a  b"];
  // a plain name that looks like another's hashed folder is hashed itself
  names.push(resultFolderName(nfc));
  const folders = names.map(resultFolderName);
  assert.equal(new Set(folders.map((folder) => folder.toLowerCase())).size, names.length, JSON.stringify(folders));
  assert.notEqual(resultFolderName(resultFolderName(nfc)), resultFolderName(nfc));
});

test("as root, a TMPDIR that other users cannot pass through sends the grading folder to /tmp, and says why", () => {
  const open = temporaryDir();
  chmodSync(open, 0o711);
  assert.deepEqual(gradingBase(open, true), { dir: open, note: null });
  const closed = join(open, "private");
  mkdirSync(closed, { mode: 0o700 });
  const base = gradingBase(closed, true);
  if (process.getuid?.() === 0) {
    assert.equal(base.dir, "/tmp");
    assert.match(base.note, /private lets no other user through, so the grading folder is in \/tmp instead of/);
  } else {
    assert.deepEqual(base, { dir: closed, note: null }, "kernels run as this user: TMPDIR is kept");
  }
  assert.deepEqual(gradingBase(closed, false), { dir: closed, note: null }, "without isolation TMPDIR is kept");
});

test("a job whose folder's path is too long for Unix sockets gets its sockets in a private folder apart, removed with the job", () => {
  const sameUser = { kind: "same-user", reason: "test" };
  const short = createJobSandbox({ isolation: sameUser, root: join(temporaryDir(), "job"), diskMb: 10 });
  assert.equal(short.sockets, join(short.root, "sockets"));
  assert.equal(short.socketsApart, false);
  removeJobSandbox(short);

  const deep = join(temporaryDir(), "a-temporary-folder-of-a-long-name".repeat(3), "job");
  assert.ok(Buffer.byteLength(join(deep, "sockets", "k")) > MAX_SOCKET_PREFIX_BYTES);
  const sandbox = createJobSandbox({ isolation: sameUser, root: deep, diskMb: 10 });
  assert.equal(sandbox.socketsApart, true);
  assert.match(sandbox.sockets, /^\/tmp\/neural-mi-sockets-[0-9a-f]{24}$/);
  assert.ok(Buffer.byteLength(join(sandbox.sockets, "k-65535")) <= 107);
  assert.equal(statSync(sandbox.sockets).mode & 0o777, 0o700, "only the kernel's user (and root) may enter");
  assert.equal(fs.readFileSync(`${deep}.sockets`, "utf8").trim(), sandbox.sockets, "recorded beside the job's folder, for the run after one killed outright");
  removeJobSandbox(sandbox);
  assert.ok(!existsSync(sandbox.sockets) && !existsSync(deep) && !existsSync(`${deep}.sockets`));

  // --keep-work keeps the job's folder for inspection, but not its sockets in /tmp, outside every work folder
  const kept = createJobSandbox({ isolation: sameUser, root: deep, diskMb: 10 });
  assert.equal(kept.socketsApart, true);
  removeJobSandbox(kept, { keep: true });
  assert.ok(existsSync(kept.work), "the job's folder is kept");
  assert.ok(!existsSync(kept.sockets) && !existsSync(`${deep}.sockets`), "its sockets folder in /tmp is not");
});

test("links to the class folder or above it, and the grader's own report folder, are not students; reports are never written inside the class folder, nor a class inside the report folder", async () => {
  const { classEntries } = await import("../../autograder/src/grade/class-folder.mjs");
  const { gradeClass } = await import("../../autograder/src/grade/grade-class.mjs");
  const classDir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-class-links-"));
  try {
    fs.mkdirSync(path.join(classDir, "ana"));
    fs.symlinkSync(".", path.join(classDir, "itself"));
    fs.symlinkSync("..", path.join(classDir, "above"));
    fs.symlinkSync("/", path.join(classDir, "root"));
    fs.mkdirSync(path.join(classDir, "results"));
    fs.writeFileSync(path.join(classDir, "results", "report.json"), "{}");
    fs.writeFileSync(path.join(classDir, "results", "gradebook.csv"), "student\n");
    // a student's own file named like the grader's: still a student
    fs.mkdirSync(path.join(classDir, "carl"));
    fs.writeFileSync(path.join(classDir, "carl", "report.json"), "{}");
    // a hidden folder, which nbgrader passes over: skipped, with the words nbgrader now warns in
    // (and a link so named to a student's folder, which nbgrader's pattern passes over too)
    fs.mkdirSync(path.join(classDir, ".bea"));
    fs.symlinkSync("ana", path.join(classDir, ".ana-link"));
    const { students, skipped } = classEntries(classDir);
    assert.deepEqual(students.map((s) => s.name), ["ana", "carl"]);
    for (const name of [".bea", ".ana-link"]) assert.match(Object.fromEntries(skipped.map((s) => [s.name, s.reason]))[name], /^its name starts with "\.", a hidden folder, which nbgrader does not see as a student's: rename it without the dot$/, name);
    const reasons = Object.fromEntries(skipped.map((s) => [s.name, s.reason]));
    for (const name of ["itself", "above", "root"]) assert.match(reasons[name], /holds the class folder itself, not a student's folder/, name);
    assert.match(reasons.results, /the grader's report folder/);
    await assert.rejects(
      gradeClass({ submissionsDir: classDir, sourceDir: path.join(repoRoot, "notebooks"), outDir: path.join(classDir, "out"), jobs: 1 }),
      /the report folder .* lies inside the class folder .* choose --out outside it/,
    );
    assert.equal(fs.existsSync(path.join(classDir, "out")), false, "nothing is made there");
    // nor the other way round: a class folder inside the report folder (given as the report folder's students/, or
    // through a link to it) had each student's results written into her own folder, her notebooks deleted
    const reports = temporaryDir();
    const inside = path.join(reports, "students");
    fs.mkdirSync(path.join(inside, "ana"), { recursive: true });
    fs.writeFileSync(path.join(inside, "ana", "arith.ipynb"), "{}");
    const link = path.join(temporaryDir(), "class");
    fs.symlinkSync(inside, link);
    for (const submissionsDir of [inside, link]) {
      await assert.rejects(
        gradeClass({ submissionsDir, sourceDir: path.join(repoRoot, "notebooks"), outDir: reports, jobs: 1 }),
        /the class folder .* lies inside the report folder .*: its students' notebooks would be written over; move the class folder out of it, or give --out another folder/,
      );
    }
    assert.deepEqual([fs.readdirSync(reports), fs.readdirSync(path.join(inside, "ana"))], [["students"], ["arith.ipynb"]], "nothing written, nothing removed");
    // a report folder given as the class: its students/ and manual/ were graded as two students
    fs.writeFileSync(path.join(reports, "report.json"), JSON.stringify({ submissionsDir: "/courses/fall/submitted" }));
    fs.writeFileSync(path.join(reports, "gradebook.csv"), "student\n");
    // the course's source folder, or one student's folder, given as the class: its notebooks were skipped, its other
    // folders (images, data) graded as students with no notebooks, and the run ended as if all went well
    const { fixtureCourse } = await import("./helpers.mjs");
    const course = temporaryDir();
    fs.cpSync(fixtureCourse, course, { recursive: true });
    fs.mkdirSync(path.join(course, "images"));
    await assert.rejects(gradeClass({ submissionsDir: course, sourceDir: course, outDir: path.join(reports, "x"), jobs: 1 }), /is the course's source folder \(--source\), not a class folder: give the folder that holds a folder per student/);
    const alice = temporaryDir();
    fs.cpSync(fixtureCourse, alice, { recursive: true });
    fs.mkdirSync(path.join(alice, "data"));
    await assert.rejects(
      gradeClass({ submissionsDir: alice, sourceDir: fixtureCourse, outDir: path.join(reports, "x"), jobs: 1 }),
      /holds the course's notebooks directly \(arith\.ipynb, strings\.ipynb\) and none of its folders holds a notebook: it looks like one student's folder, or a copy of the course, not a class folder/,
    );
    // the student edition (a release's output) given as --source: every student 0, each answer blamed as "rejected"
    const edition = temporaryDir();
    fs.cpSync(fixtureCourse, edition, { recursive: true });
    const arith = JSON.parse(fs.readFileSync(path.join(edition, "arith.ipynb"), "utf8"));
    const { computeChecksum } = await import("../../autograder/src/notebook/nbgrader-cells.mjs");
    for (const cell of arith.cells) if (cell.metadata.nbgrader?.grade) cell.metadata.nbgrader.checksum = computeChecksum({ ...cell, source: [cell.source].flat().join("") });
    fs.writeFileSync(path.join(edition, "arith.ipynb"), JSON.stringify(arith));
    await assert.rejects(
      gradeClass({ submissionsDir: inside, sourceDir: edition, outDir: path.join(alice, "..", "y"), jobs: 1 }),
      /holds the student edition of the course \(arith\.ipynb: nbgrader's checksums, which the release writes; its answers are the stubs and its hidden tests are gone\), not the instructor's notebooks: give --source the folder with the solutions/,
    );
    assert.equal(fs.existsSync(path.join(reports, "x")), false, "nothing written");
    assert.throws(() => classEntries(reports), /^Error: .* is a report folder the autograder wrote \(it holds the reports of \/courses\/fall\/submitted\), not a class folder: give the folder that holds a folder per student$/);
  } finally {
    fs.rmSync(classDir, { recursive: true, force: true });
  }
});

test("a name with a line break is one line of the console, not a forged score, and one with bidirectional controls does not reorder its score; a folder of only an archive says to unpack it", async () => {
  const { fixtureCourse, fixtureSubmissions, readJson, runNode } = await import("./helpers.mjs");
  const classDir = temporaryDir();
  const forged = "x\n  mallory: 7 \u2215 7 points (7 automatic), graded"; // a file name holds no "/"
  // shown right to left, what follows the name (its real score) reads reversed; isolates can move it
  const reversing = "eve\u202e\u2066";
  // look-alikes of "ana": a zero-width space, a no-break space, a tag character (outside the BMP)
  const lookAlikes = ["ana\u200b", "ana\u00a0", "ana\u{e0041}"];
  // students named like the grader's reports: the class is still a class, not a report folder
  for (const name of [forged, reversing, "ana", ...lookAlikes, "report.json", "gradebook.csv"]) fs.cpSync(join(fixtureSubmissions, "no-notebooks"), join(classDir, name), { recursive: true });
  fs.writeFileSync(join(classDir, "notes\n[9\u22159] elapsed 1 s, done; eve: full marks.txt"), "");
  // a link to the course's source folder (its solutions), as a class folder assembled by hand can hold
  fs.symlinkSync(fixtureCourse, join(classDir, "trudy"));
  // a notebook that is another name of a file outside (the class folder copied with `cp -al`)
  const elsewhere = join(temporaryDir(), "arith.ipynb");
  fs.copyFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), elsewhere);
  mkdirSync(join(classDir, "hal"));
  fs.linkSync(elsewhere, join(classDir, "hal", "arith.ipynb"));
  mkdirSync(join(classDir, "zoe"));
  fs.writeFileSync(join(classDir, "zoe", "homework.zip"), "PK\n");
  const out = join(temporaryDir(), "out");
  const run = await runNode(["autograder/bin/autograde.mjs", classDir, "--source", fixtureCourse, "--out", out, "--jobs", "1", "--no-isolation"]);
  assert.equal(run.code, 0, run.stderr);
  for (const stream of [run.stdout, run.stderr]) {
    assert.doesNotMatch(stream, /^\s*mallory:/m, "no line of its own");
    assert.doesNotMatch(stream, /^\[9\u22159\]/mu, "no line of its own");
  }
  assert.match(run.stdout, /^ {2}x\\u000a {2}mallory: 7 \u2215 7 points \(7 automatic\), graded: 0 \/ 7 points/mu);
  assert.match(run.stderr, /^\[\d\/10\] .*; x\\u000a {2}mallory: 7 \u2215 7 points/mu);
  assert.match(run.stderr, /not graded: notes\\u000a\[9\u22159\] elapsed/u);
  assert.match(run.stdout, /^ {2}eve\\u202e\\u2066: 0 \/ 7 points/mu);
  assert.match(run.stderr, /^\[\d\/10\] .*; eve\\u202e\\u2066: 0 \/ 7 points/mu);
  // a look-alike of another's name does not show as that name: its invisible character is an escape, in the console and in summary.md
  for (const shown of ["ana\\u200b", "ana\\u00a0", "ana\\u{e0041}"]) assert.ok(run.stdout.includes(`  ${shown}: 0 / 7 points`), `${shown} in\n${run.stdout}`);
  assert.equal(run.stdout.match(/^ {2}ana\S*: /gmu)?.length, 4);
  assert.deepEqual(run.stdout.match(/^ {2}ana: /gmu), ["  ana: "], "one line reads as ana's");
  const summary = fs.readFileSync(join(out, "summary.md"), "utf8");
  assert.deepEqual(summary.match(/^\| ana \|/gm), ["| ana |"], "one row reads as ana's");
  for (const shown of ["ana\\\\u200b", "ana\\\\u00a0", "ana\\\\u{e0041}"]) assert.ok(summary.includes(`| ${shown} |`), `${shown} in summary.md`);
  assert.doesNotMatch(run.stdout + run.stderr + summary, /[\u200b\u00a0\u{e0041}]/u);
  const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
  const studentPages = fs.readdirSync(join(out, "students")).map((folder) => [`students/${folder}/summary.md`, fs.readFileSync(join(out, "students", folder, "summary.md"), "utf8")]);
  for (const [what, text] of [["the console", run.stdout + run.stderr], ["summary.md", fs.readFileSync(join(out, "summary.md"), "utf8")], ...studentPages]) {
    assert.doesNotMatch(text, bidi, `${what} holds no bidirectional control`);
  }
  // the student's own page names the folder exactly, its controls as JSON's escapes
  assert.ok(studentPages.some(([, text]) => text.includes('Folder: "eve\\u202e\\u2066";')), "the exact name, escaped");
  const report = readJson(join(out, "report.json"));
  for (const name of ["report.json", "gradebook.csv"]) assert.equal(report.students.find((s) => s.student === name)?.status, "no-notebooks");
  assert.match(run.stderr, /note: the notebooks of 1 student\(s\) \(hal\) are hard links .*: a class folder copied with `cp -al` or `rsync --link-dest`, or a backup's snapshot, makes every notebook one; grade a copy made with `cp -r` instead/);
  const trudy = report.students.find((s) => s.student === "trudy");
  assert.equal(trudy.status, "skipped", "the course's solutions are not graded as a student's");
  assert.match(trudy.message, /the course's source folder \(--source\), or a folder inside it or holding it .*: the solutions, not a student's folder/);
  assert.ok(report.students.some((s) => s.student === forged), "the report keeps the exact name");
  assert.ok(report.students.some((s) => s.student === reversing), "the report keeps the exact name");
  assert.match(
    report.students.find((s) => s.student === "zoe").message,
    /no notebooks in the folder \(expected .*\); it holds compressed files, which are not unpacked \(homework.zip\): unpack them into the folder/,
  );
});

test("a folder removed while the class is graded is skipped with the reason, not a grader error; one added is named in the log", async () => {
  const { fixtureCourse, fixtureSubmissions, readJson } = await import("./helpers.mjs");
  const { gradeClass } = await import("../../autograder/src/grade/grade-class.mjs");
  const { DEFAULT_LIMITS } = await import("../../autograder/src/execute/execute-notebook.mjs");
  const classDir = temporaryDir();
  for (const name of ["ann", "bob"]) fs.cpSync(join(fixtureSubmissions, "no-notebooks"), join(classDir, name), { recursive: true });
  const out = join(temporaryDir(), "out");
  const lines = [];
  const log = (line) => {
    lines.push(line);
    // after the first student, as a careless instructor tidies the class folder
    if (/^\[1\/2\]/.test(line)) {
      fs.rmSync(join(classDir, "bob"), { recursive: true });
      fs.cpSync(join(fixtureSubmissions, "no-notebooks"), join(classDir, "cy"), { recursive: true });
    }
  };
  await gradeClass({ submissionsDir: classDir, sourceDir: fixtureCourse, outDir: out, jobs: 1, isolate: false, limits: DEFAULT_LIMITS, log });
  const report = readJson(join(out, "report.json"));
  const bob = report.students.find((s) => s.student === "bob");
  assert.equal(bob.status, "skipped", bob.message);
  assert.match(bob.message, /^the folder was removed or renamed while the class was graded: run the same command again/);
  assert.ok(lines.some((line) => /^note: folders added to .* while the class was graded are not in the report: cy; run the same command again/.test(line)), lines.join("\n"));
});

// The READMEs against the repository: every `npm run X` they give names a script, every link to a
// file of the repository (and its #heading) resolves, every option given to one of our command-line
// programs is one its parseArgs takes, and the figures the top README quotes from the benchmarks'
// result files are those files' (bench/README.md kept an older copy of the accuracy table, four
// estimators, after the README's had been rerun twice). Reads files only: well under a second.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fromRoot, repoRoot } from "../../scripts/lib/paths.mjs";

const readmes = execFileSync("git", ["ls-files", "--", "*README.md"], { cwd: repoRoot, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.includes("node_modules/"));
const read = (file) => fs.readFileSync(fromRoot(file), "utf8");
const withoutFences = (text) => text.replace(/```[\s\S]*?```/g, "");

// the inline code spans and the lines of fenced blocks, where commands are written
function codeSpans(text) {
  const spans = [];
  for (const block of text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) spans.push(...block[1].split("\n"));
  for (const span of withoutFences(text).matchAll(/`([^`\n]+)`/g)) spans.push(span[1]);
  return spans;
}

test("the READMEs exist where this test looks", () => {
  for (const file of ["README.md", "lib/README.md", "autograder/README.md", "bench/README.md"]) assert.ok(readmes.includes(file), file);
});

test("every `npm run X` in a README names a script of package.json or lib/package.json", () => {
  const scripts = new Set([
    ...Object.keys(JSON.parse(read("package.json")).scripts),
    ...Object.keys(JSON.parse(read("lib/package.json")).scripts),
  ]);
  const unknown = [];
  for (const file of readmes) {
    for (const m of read(file).matchAll(/npm run ([\w:.-]+)/g)) if (!scripts.has(m[1])) unknown.push(`${file}: npm run ${m[1]}`);
  }
  assert.deepEqual(unknown, []);
});

// GitHub's anchor of a heading: lower case, punctuation but - and _ dropped, spaces to -, -1, -2… for repeats
function anchorsOf(file) {
  const anchors = new Set();
  const seen = new Map();
  for (const line of withoutFences(read(file)).split("\n")) {
    const heading = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!heading) continue;
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "");
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

test("every link of a README to a file of the repository, and to its heading, resolves", () => {
  const broken = [];
  for (const file of readmes) {
    for (const m of withoutFences(read(file)).matchAll(/\]\(([^)\s]*)\)/g)) {
      const link = m[1];
      if (/^[a-z]+:/.test(link)) continue;
      const [target, anchor] = link.split("#");
      // the student edition's README is the edition's top-level README.md: its links start from the top
      const from = file === "scripts/student-edition/README.md" ? "." : path.posix.dirname(file);
      const targetFile = target === "" ? file : path.posix.normalize(path.posix.join(from, target));
      if (!fs.existsSync(fromRoot(targetFile))) broken.push(`${file}: ${link} (no such file)`);
      else if (anchor !== undefined && targetFile.endsWith(".md") && !anchorsOf(targetFile).has(decodeURIComponent(anchor))) {
        broken.push(`${file}: ${link} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

// The options a program's parseArgs takes, read from its source: the names of its `options` object, given to
// parseArgs or to the helper that calls it for the program (parseCommand in autograder/src/util/command-line.mjs,
// benchOptions in bench/options.mjs).
function parseArgsOptions(file) {
  const source = read(file);
  const start = source.search(/\b(parseArgs|parseCommand|benchOptions)\(/);
  assert.ok(start >= 0, `${file} has no parseArgs call`);
  const names = new Set();
  for (const m of source.slice(start, start + 6000).matchAll(/["']?([a-z][\w-]*)["']?\s*:\s*\{\s*type\s*:/g)) names.add(m[1]);
  assert.ok(names.size > 0, `no option read from ${file}'s parseArgs`);
  return names;
}

test("every option a README gives one of our programs is one the program takes", () => {
  // how a README calls each program, the most specific first
  const programs = [
    [/npm run hub:add|hub-add\.mjs/, "scripts/hub-add.mjs"],
    [/npm run hub:password|hub-password\.mjs/, "scripts/hub-password.mjs"],
    [/npm run hub(?![\w:-])|scripts\/hub\.mjs/, "scripts/hub.mjs"],
    [/npm run student-edition|student-edition\.mjs/, "scripts/student-edition.mjs"],
    [/npm run nbgrader:autograde|nbgrader-autograde\.mjs/, "autograder/bin/nbgrader-autograde.mjs"],
    [/npm run autograde(?![\w:-])|bin\/autograde\.mjs/, "autograder/bin/autograde.mjs"],
    [/manual-grades\.mjs/, "autograder/bin/manual-grades.mjs"],
    [/merge-shards\.mjs/, "autograder/bin/merge-shards.mjs"],
    [/nbgrader-course\.mjs/, "autograder/bin/nbgrader-course.mjs"],
    [/npm run release|bin\/release\.mjs/, "autograder/bin/release.mjs"],
    [/npm run bench:grading|bench\/grading\.mjs/, "bench/grading.mjs"],
    [/npm run bench:accuracy|bench\/accuracy\/run\.mjs/, "bench/accuracy/run.mjs"],
    [/npm run bench(?![\w:-])|bench\/run\.mjs/, "bench/run.mjs"],
  ].map(([pattern, file]) => [pattern, file, parseArgsOptions(file)]);
  const unknown = [];
  for (const file of readmes) {
    for (const span of codeSpans(read(file))) {
      for (const command of span.split(/&&|\|\||;|#/)) {
        const program = programs.map(([pattern, name, options]) => ({ at: command.search(pattern), name, options })).find((p) => p.at >= 0);
        if (!program) continue;
        // what follows a lone `--` goes to another program (JupyterLab, nbgrader)
        const args = command.slice(program.at).split(/\s--(?=\s|$)/);
        const own = args.length > 1 && /^npm run/.test(command.slice(program.at)) ? args.slice(1, 2).join(" ") : args[0];
        for (const m of own.matchAll(/(?<![\w-])--([a-z][\w-]*)/g)) {
          const name = m[1];
          if (name === "help" || program.options.has(name) || (name.startsWith("no-") && program.options.has(name.slice(3)))) continue;
          unknown.push(`${file}: --${name} for ${program.name} in \`${command.trim()}\``);
        }
      }
    }
  }
  assert.deepEqual(unknown, []);
});

// the rows of the first table whose header line starts with `header`
function table(text, header) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  assert.ok(start >= 0, `no table headed ${header}`);
  const rows = [];
  for (let i = start; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i].replace(/`/g, ""));
  return rows;
}

test("the accuracy and grading tables the READMEs quote are those of the benchmarks' result files", () => {
  const accuracyHeader = "| task | n | truth |";
  const accuracy = table(read("bench/accuracy/results.md"), accuracyHeader);
  for (const file of ["README.md", "bench/README.md"]) {
    if (read(file).includes(accuracyHeader)) assert.deepEqual(table(read(file), accuracyHeader), accuracy, `${file}'s accuracy table is not bench/accuracy/results.md's`);
  }
  assert.deepEqual(table(read("README.md"), "| grader |"), table(read("bench/grading-results.md"), "| grader |"), "README.md's grading table is not bench/grading-results.md's");
});

// The instructor's semester on a real JupyterHub with nbgrader, for one chapter (the first,
// the quickest to run): `npm run hub` (scripts/hub.mjs) in a temporary folder; the instructor
// releases the chapter with nbgrader's commands; alice logs in through the hub's login page in
// Chromium, fetches the chapter in nbgrader's Assignments panel, answers an exercise and a
// written question in JupyterLab on the TypeScript kernel, runs it and clicks Submit; bob
// submits a wrong answer from his terminal; dana, enrolled late, is added to the running hub and
// fetches the chapter. The instructor collects, grades with nbgrader and
// with `npm run autograde` (the same scores, cell by cell), grades alice's written answer in the
// formgrader (tom, a grader: --graders; bob is refused there), generates and releases feedback; alice fetches it in the Assignments panel and
// opens it: the plots are drawn, and neither page shows a line of the hidden tests, while bob's
// says in words which hidden check failed. Ctrl-C then stops everything the hub started.
// Screenshots of each step land in artifacts/hub/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { readNbgraderGradebook, whatWentWrong } from "../autograder/helpers.mjs";
import { launchBrowser } from "../browser/helpers/browser.mjs";
import { secretLines, leakedLines } from "../browser/helpers/secrets.mjs";
import { startHub, whyUsersNotIsolated } from "../helpers/hub.mjs";
import { hubBrowser } from "../helpers/hub-browser.mjs";
import { timedSteps } from "../helpers/steps.mjs";

const ASSIGNMENT = "01-problem-formulation";
const NOTEBOOK = `${ASSIGNMENT}.ipynb`;
const COURSE = "neural-mi";
const artifactsDir = fromRoot("artifacts", "hub");
const source = JSON.parse(fs.readFileSync(path.join(notebooksDir, NOTEBOOK), "utf8"));
const text = (cellSource) => (Array.isArray(cellSource) ? cellSource.join("") : cellSource);
const sourceCell = (gradeId) => source.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === gradeId);
// The exercise's reference answer: the source's solution cell without its region markers.
const referenceAnswer = text(sourceCell("sampling").source)
  .split("\n")
  .filter((line) => !/(BEGIN|END) SOLUTION/.test(line))
  .join("\n");
// Right shape, independent and seeded, so the visible checks pass; variance 1.5 fails a hidden one.
const wrongAnswer = referenceAnswer.replace("[[1, 0], [0, 1]]", "[[1.5, 0], [0, 1.5]]");
const WRITTEN = "unknown-distribution";
const writtenAnswer = "**Answer**\n\nA bivariate Gaussian with correlation 0.8, from which we can only draw samples.";
const GRADER_COMMENT = "Right: the form is known, only samples are used.";
// As root, the hub gives each user a system account, unless the servers could not reach what
// they run as such (a Python installed in root's home): then it is started with --one-user.
const cannotIsolate = whyUsersNotIsolated();
const isolating = cannotIsolate.length === 0;

let hub;
let browser;
let page;
let courseDir;
let ours;
let gradebook;
const { step, report } = timedSteps({ artifactsDir, page: () => page });

before(async () => {
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
});

after(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  if (hub) {
    await hub.stop();
    fs.writeFileSync(path.join(artifactsDir, "hub.log"), hub.log());
    hub.remove();
  }
  report("hub semester");
});

/** A command as a hub user types it in their JupyterLab's terminal; fails the test with its output if it fails. */
async function as(user, command, args, options) {
  const { code, output } = await hub.run(user, command, args, options);
  assert.equal(code, 0, `${user}: ${path.basename(command)} ${args.join(" ")} failed (${code}):\n${whatWentWrong(output)}`);
  return output;
}
const nbgrader = (user, args) => as(user, "nbgrader", args, user === "instructor" ? { cwd: courseDir } : undefined);

async function logIn(name) {
  await page.goto(`${hub.url}/hub/login`);
  await page.locator("#username_input").fill(name);
  await page.locator("#password_input").fill(hub.user(name).password);
  await page.locator("#login_submit").click();
  // The hub starts the user's JupyterLab and sends the browser there.
  await page.waitForURL(new RegExp(`/user/${name}/lab`), { timeout: 120_000 });
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).waitFor({ timeout: 120_000 });
}

/** Logs out from JupyterLab's File menu, or from the hub's home page elsewhere (the formgrader's pages). */
async function logOut() {
  if (/\/lab/.test(new URL(page.url()).pathname)) {
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).click();
    // On a hub, JupyterLab's File menu holds a second, hidden Log Out item.
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Log Out$/ }).filter({ visible: true }).click();
  } else {
    await page.goto(`${hub.url}/hub/home`);
    await page.locator("#logout").click();
  }
  await page.waitForURL(/\/hub\/(login|logout)/, { timeout: 30_000 });
}

async function openAssignmentList() {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Nbgrader$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Assignment List$/ }).click();
  await page.locator("#released_assignments_list").waitFor();
}

test("npm run hub: the console gives the address, every user with a password, and where things live", { timeout: 300_000 }, async () => {
  await step("start the hub", async () => {
    hub = await startHub({ students: ["alice", "bob"], options: [...(isolating ? [] : ["--one-user"]), "--graders", "tom"], startupTimeoutMs: 180_000 });
  });
  const shown = hub.console();
  for (const user of hub.settings.users) {
    assert.match(shown, new RegExp(`^\\s+${user.name}\\s+${user.role}.*password: ${user.password}$`, "m"), `the console names ${user.name} with their password`);
  }
  assert.deepEqual(hub.settings.users.map((u) => [u.name, u.role]), [["instructor", "instructor"], ["tom", "grader"], ["alice", "student"], ["bob", "student"]]);
  assert.match(shown, /^\s+tom\s+grader \(log in, then open \/user\/instructor\/formgrader, the instructor's JupyterLab\)/m);
  for (const place of [hub.dir, "homes/<user>/", "exchange/", "course"]) assert.ok(shown.includes(place), `the console says where ${place} is`);
  courseDir = hub.settings.users[0].environment.NEURAL_MI_HUB_COURSE_DIR;
  assert.ok(fs.existsSync(path.join(courseDir, "source", ASSIGNMENT, NOTEBOOK)), "each chapter is an assignment of the instructor's course directory");

  // A wrong password is refused on the hub's own login form.
  await step("start Chromium", async () => {
    browser = await launchBrowser({ log: (line) => console.log(`hub: ${line}`) });
    page = await browser.context.newPage();
    // The Assignment List asks nbgrader on the server, which is slow on a loaded machine.
    page.setDefaultTimeout(120_000);
  });
  await page.goto(`${hub.url}/hub/login`);
  await page.locator("#username_input").fill("alice");
  await page.locator("#password_input").fill("not-her-password");
  await page.locator("#login_submit").click();
  await page.locator(".login_error, #login_error, .alert-danger", { hasText: /Invalid username or password/i }).waitFor({ timeout: 30_000 });
});

test("the instructor releases the first chapter with nbgrader's commands", { timeout: 300_000 }, async () => {
  await step("generate and release", async () => {
    await nbgrader("instructor", ["generate_assignment", ASSIGNMENT]);
    await nbgrader("instructor", ["release_assignment", ASSIGNMENT]);
  });
  assert.ok(fs.existsSync(path.join(hub.dir, "exchange", COURSE, "outbound", ASSIGNMENT, NOTEBOOK)), "the chapter is in nbgrader's exchange");
});

test("alice fetches the chapter in the Assignments panel, answers in JupyterLab on the TypeScript kernel and submits", { timeout: 600_000 }, async () => {
  await step("alice logs in", () => logIn("alice"));
  await step("alice fetches", async () => {
    await openAssignmentList();
    await page.locator("#released_assignments_list .list_item", { hasText: ASSIGNMENT }).locator("button", { hasText: "Fetch" }).click();
    const fetched = page.locator("#fetched_assignments_list .list_item", { hasText: ASSIGNMENT }).first();
    await fetched.locator(".assignment-notebooks-link").click();
    await page.screenshot({ path: path.join(artifactsDir, "1-fetched.png") });
    await page.locator(`#nbgrader-${COURSE}-${ASSIGNMENT} .nested_list_item a`, { hasText: ASSIGNMENT }).click();
    // The notebook opens on the course's kernel: the status bar says so once it is ready.
    await page.getByText("TypeScript | Idle").waitFor({ timeout: 120_000 });
  });
  const notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook");

  await step("alice answers", async () => {
    const exercise = notebook.locator(".jp-CodeCell", { hasText: "YOUR CODE HERE" }).first();
    await exercise.locator(".cm-content").click();
    await page.keyboard.press("Control+a");
    // insertText types the answer as one input, so the editor's auto-indent and bracket closing leave it as written.
    await page.keyboard.insertText(referenceAnswer);
    const written = notebook.locator(".jp-MarkdownCell", { hasText: "YOUR ANSWER HERE" }).first();
    await written.dblclick();
    await written.locator(".cm-content").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(writtenAnswer);
  });

  await step("alice runs the chapter", async () => {
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
    // Every code cell numbered, none waiting ("[*]"): the run is over.
    await page.waitForFunction(
      () => {
        const prompts = [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent.trim());
        return prompts.length > 0 && prompts.every((p) => /^\[\d+\]:$/.test(p));
      },
      null,
      { timeout: 180_000, polling: 500 },
    );
    await page.screenshot({ path: path.join(artifactsDir, "2-answered-and-run.png"), fullPage: true });
    const test = notebook.locator(".jp-CodeCell", { hasText: "referenceSamples(7, new Rng(1))" }).filter({ hasNotText: "function referenceSamples" });
    assert.equal(await test.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count(), 0, "the exercise's test passes in the student's JupyterLab");
    assert.ok((await notebook.locator(".js-plotly-plot .main-svg").count()) >= 2, "the chapter's plots are drawn");
  });

  await step("alice saves and submits", async () => {
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+s");
    const saved = path.join(hub.user("alice").home, ASSIGNMENT, NOTEBOOK);
    // saved whole, with her answers: the released chapter names multivariateNormal in its text already, so a wait for
    // that word ended before the save had begun, and Submit could copy the file while the server wrote it (Jupyter's
    // server emptied a notebook before it wrote it again): her submission was an empty file, graded not-run under both
    // graders. The course's servers now replace a file whole (whole_saves.py); the wait still makes Submit take her answers
    const savedWhole = () => {
      try {
        const cells = JSON.parse(fs.readFileSync(saved, "utf8")).cells.map((cell) => [cell.source].flat().join(""));
        return [writtenAnswer, referenceAnswer].every((answer) => cells.some((source) => source.includes(answer.trim())));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 30_000;
    while (!savedWhole()) {
      assert.ok(Date.now() < deadline, "the answers reach the notebook file when alice saves");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.locator(".lm-TabBar-tab", { hasText: "Assignments" }).click();
    await page.locator("#fetched_assignments_list .list_item", { hasText: ASSIGNMENT }).first().locator("button", { hasText: "Submit" }).click();
    await page.locator("#submitted_assignments_list .list_item", { hasText: ASSIGNMENT }).first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(artifactsDir, "3-submitted.png") });
  });
  await logOut();
});

test("bob fetches and submits from his terminal, with an answer that fails a hidden test", { timeout: 300_000 }, async () => {
  await step("bob fetches and submits", async () => {
    await nbgrader("bob", ["fetch_assignment", ASSIGNMENT, "--course", COURSE]);
    const file = path.join(hub.user("bob").home, ASSIGNMENT, NOTEBOOK);
    const notebook = JSON.parse(fs.readFileSync(file, "utf8"));
    notebook.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === "sampling").source = wrongAnswer;
    fs.writeFileSync(file, JSON.stringify(notebook, null, 1));
    await nbgrader("bob", ["submit", ASSIGNMENT, "--course", COURSE]);
  });
});

// A student enrolled late, added to the running hub as whoever started it (root, for a hub of accounts): she gets an
// account of her own and logs in at once, and nbgrader's exchange serves her as it serves the others
test("dana, added to the running hub by npm run hub:add, logs in at once and fetches the chapter from her terminal, as an account of her own", { timeout: 300_000 }, async () => {
  const added = spawnSync(process.execPath, [fromRoot("scripts", "hub-add.mjs"), "dana", "--dir", hub.dir], { encoding: "utf8" });
  assert.equal(added.status, 0, added.stderr);
  const password = /dana is on the class, password: (\S+)/.exec(added.stdout)?.[1];
  assert.ok(password, added.stdout);
  hub.readSettingsAgain();
  const dana = hub.user("dana");
  assert.equal(await hubBrowser(() => hub.url).logIn("dana", password), true, `dana logs in on the running hub:\n${hub.log().slice(-2000)}`);
  await step("dana fetches", () => nbgrader("dana", ["fetch_assignment", ASSIGNMENT, "--course", COURSE]));
  const copy = path.join(dana.home, ASSIGNMENT, NOTEBOOK);
  assert.ok(fs.existsSync(copy), "her copy of the chapter is in her home");
  if (!isolating) return;
  const bob = hub.user("bob");
  assert.match(dana.system?.name ?? "", /^nmi-dana$/, "she runs as an account of her own");
  assert.ok(![hub.user("instructor"), hub.user("alice"), bob].some((user) => user.system.uid === dana.system.uid));
  assert.equal(fs.statSync(dana.home).uid, dana.system.uid, "her home is hers");
  assert.equal(fs.statSync(copy).uid, dana.system.uid, "so is what she fetched");
  const seen = await readableBy("dana", [path.join(bob.home, ASSIGNMENT, NOTEBOOK), path.join(courseDir, "gradebook.db")]);
  assert.deepEqual(Object.values(seen), ["EACCES", "EACCES"], "she reads neither bob's work nor the gradebook");
});

/** What `name`'s own processes can read of each file: "read", or the error code (EACCES, ...). */
async function readableBy(name, files) {
  const script = `const fs = require("node:fs"); const seen = {};
    for (const f of JSON.parse(process.argv[1])) { try { fs.readFileSync(f); seen[f] = "read"; } catch (e) { seen[f] = e.code; } }
    console.log(JSON.stringify(seen));`;
  return JSON.parse((await as(name, process.execPath, ["-e", script, JSON.stringify(files)])).trim().split("\n").at(-1));
}

test("a student's server, kernels and terminal cannot read the course's source, the passwords, the gradebook or another student's work", { timeout: 120_000 }, async () => {
  const [instructor, alice, bob] = ["instructor", "alice", "bob"].map((name) => hub.settings.users.find((user) => user.name === name));
  const inbound = path.join(hub.dir, "exchange", COURSE, "inbound");
  const bobsSubmission = fs.readdirSync(inbound).find((entry) => entry.startsWith("bob+"));
  const secret = {
    "the instructor's source notebook": path.join(courseDir, "source", ASSIGNMENT, NOTEBOOK),
    "the gradebook": path.join(courseDir, "gradebook.db"),
    "the checkout's chapter source": path.join(notebooksDir, "src", `${ASSIGNMENT}.md`),
    "the checkout's chapter notebook": path.join(notebooksDir, NOTEBOOK),
    "the passwords": path.join(hub.dir, "users.json"),
    "the hub's settings": path.join(hub.dir, "jupyterhub", "settings.json"),
    "bob's copy": path.join(bob.home, ASSIGNMENT, NOTEBOOK),
    "bob's submission": path.join(inbound, bobsSubmission, NOTEBOOK),
  };
  const own = { "her own copy": path.join(alice.home, ASSIGNMENT, NOTEBOOK), "the released chapter": path.join(hub.dir, "exchange", COURSE, "outbound", ASSIGNMENT, NOTEBOOK) };
  for (const [what, file] of Object.entries({ ...secret, ...own })) assert.ok(fs.existsSync(file), `${what} is there to try: ${file}`);
  const seen = await readableBy("alice", [...Object.values(secret), ...Object.values(own)]);
  for (const [what, file] of Object.entries(own)) assert.equal(seen[file], "read", `alice reads ${what}`);

  if (!isolating) {
    // One system user for all, which the hub says loudly; alice reads everything.
    console.log(`hub: users not isolated in this run: ${cannotIsolate.join("; ")}`);
    assert.match(hub.log(), /WARNING: (not run as root|--one-user), so every user's JupyterLab runs as this system user: .*can read the course's source/);
    assert.equal(seen[secret["the instructor's source notebook"]], "read");
    return;
  }
  assert.match(hub.console(), /runs as a system user of their own \(nmi-instructor, nmi-alice, nmi-bob\)/);
  for (const [what, file] of Object.entries(secret)) assert.equal(seen[file], "EACCES", `alice cannot read ${what} (${file})`);
  const listing = await as("alice", process.execPath, ["-e", `try { require("node:fs").readdirSync(${JSON.stringify(inbound)}); console.log("listed") } catch (e) { console.log(e.code) }`]);
  assert.match(listing, /EACCES/, "alice cannot list the submissions in the exchange");
  // Her JupyterLab and its kernels (still running since she submitted) are processes of her own system user.
  const hers = processesIn(alice.home).map((p) => Number(p.split(" ")[0]));
  assert.ok(hers.length > 0, "alice's server runs in her home");
  for (const pid of hers) assert.equal(uidOf(pid), alice.system.uid, `process ${pid} in alice's home runs as ${alice.system.name}`);
  assert.notEqual(alice.system.uid, instructor.system.uid);
});

test("the instructor collects and grades with nbgrader and npm run autograde: the same scores, cell by cell", { timeout: 900_000 }, async () => {
  await step("collect", () => nbgrader("instructor", ["collect", ASSIGNMENT]));
  const submitted = path.join(courseDir, "submitted");
  assert.deepEqual(fs.readdirSync(submitted).sort(), ["alice", "bob"]);
  const out = path.join(hub.dir, "grading");
  await step("autograde (nbgrader and npm run autograde side by side)", () =>
    Promise.all([
      nbgrader("instructor", ["autograde", ASSIGNMENT]),
      as("instructor", process.execPath, ["autograder/bin/autograde.mjs", submitted, "--source", path.join(courseDir, "source", ASSIGNMENT), "--out", out], { cwd: fromRoot(), asHubOwner: true }),
    ]),
  );
  ours = JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8"));
  gradebook = readNbgraderGradebook(courseDir, ASSIGNMENT);

  const differences = [];
  for (const student of ours.students) {
    for (const notebook of student.notebooks) {
      for (const exercise of notebook.exercises) {
        const cell = gradebook[student.student]?.[`${notebook.notebook.replace(/\.ipynb$/, "")}.ipynb:${exercise.id}`];
        if (!cell || cell.max !== exercise.maxPoints || cell.auto !== exercise.points) {
          differences.push(`${student.student} ${exercise.id}: nbgrader ${cell ? `${cell.auto}/${cell.max}` : "none"}, ours ${exercise.points}/${exercise.maxPoints} (${exercise.status})`);
        }
      }
    }
  }
  assert.deepEqual(differences, []);
  const exerciseOf = (student, id) => ours.students.find((s) => s.student === student).notebooks[0].exercises.find((e) => e.id === id);
  const status = (student, id) => exerciseOf(student, id).status;
  // what stopped it, if it did not pass: the report's folder goes with the hub's
  assert.equal(status("alice", "sampling-test"), "passed", `alice's sampling-test: ${JSON.stringify(exerciseOf("alice", "sampling-test"))}; her notebook: ${JSON.stringify(ours.students.find((s) => s.student === "alice").notebooks[0].message ?? null)}`);
  assert.equal(status("bob", "sampling-test"), "failed");
  assert.equal(status("alice", WRITTEN), "needs-manual-grading");
  assert.equal(gradebook.alice[`${NOTEBOOK}:${WRITTEN}`].manual, true, "nbgrader waits for a person to grade alice's written answer");
});

/** Logs `name` in on the hub's login form, sent on to `next` (a path of the hub's), not to their own server. */
async function logInTo(name, next) {
  await page.goto(`${hub.url}/hub/login?next=${encodeURIComponent(next)}`);
  await page.locator("#username_input").fill(name);
  await page.locator("#password_input").fill(hub.user(name).password);
  await page.locator("#login_submit").click();
}

// tom, a teaching assistant (--graders), grades in the instructor's formgrader with his own password;
// bob, a student, is refused there
test("a grader grades alice's written answer in the instructor's formgrader; a student may not open it", { timeout: 300_000 }, async () => {
  // the instructor's JupyterLab, where the formgrader runs, started as she logs in (logging out leaves it running)
  await step("instructor logs in", () => logIn("instructor"));
  await logOut();
  const formgrader = `/user/instructor/formgrader/manage_students/alice/${ASSIGNMENT}`;
  await step("a student is refused the instructor's formgrader", async () => {
    const answers = [];
    const listen = (response) => answers.push([response.status(), new URL(response.url()).pathname]);
    page.on("response", listen);
    await logInTo("bob", formgrader);
    await page.waitForLoadState("load");
    page.off("response", listen);
    assert.ok(answers.some(([status, pathname]) => status === 403 && pathname.startsWith("/hub/")), `bob: ${JSON.stringify(answers)}`);
    assert.doesNotMatch(await page.content(), /Manage Students|manage_students/, "bob saw the formgrader");
    await page.context().clearCookies();
  });
  await step("tom logs in, and opens the instructor's formgrader", async () => {
    await logInTo("tom", formgrader);
    // the hub asks once whether tom lets the instructor's server know who he is (OAuth)
    const authorize = page.locator("form input[type=submit], form button[type=submit]", { hasText: /Authorize/i });
    await Promise.race([page.waitForURL(/\/user\/instructor\/formgrader/, { timeout: 120_000 }), authorize.first().waitFor({ timeout: 120_000 })]);
    if (!/\/user\/instructor\/formgrader/.test(page.url())) await authorize.first().click();
    await page.waitForURL(/\/user\/instructor\/formgrader/, { timeout: 120_000 });
  });
  await step("formgrader: grade the written answer", async () => {
    // Formgrader › Manage Students › alice › the chapter: the notebook's grading page.
    await page.goto(`${hub.url}${formgrader}`);
    await page.locator("a", { hasText: ASSIGNMENT }).first().click();
    // The grading page fills its fields once it has loaded the grades and the comments; a
    // field typed into earlier is overwritten. Loaded, a written answer's score is marked as
    // waiting and its comment box gets its placeholder.
    const score = page.locator(`input.score#${WRITTEN}.needs_manual_grade`);
    const comment = page.locator(`textarea#${WRITTEN}-comment[placeholder]`);
    await score.waitFor({ timeout: 120_000 });
    await comment.waitFor({ timeout: 120_000 });
    await comment.fill(GRADER_COMMENT);
    await score.fill("1");
    await page.keyboard.press("Tab"); // leaving a field saves it, as the formgrader's help says
    await page.screenshot({ path: path.join(artifactsDir, "4-formgrader.png") });
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    gradebook = readNbgraderGradebook(courseDir, ASSIGNMENT);
    if (gradebook.alice[`${NOTEBOOK}:${WRITTEN}`].manualScore === 1) break;
    assert.ok(Date.now() < deadline, `the formgrader saved the score: ${JSON.stringify(gradebook.alice[`${NOTEBOOK}:${WRITTEN}`])}`);
    // Each look starts Python and nbgrader: a few seconds apart is often enough.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await logOut();
});

test("feedback: released by the instructor, fetched by alice in the Assignments panel, plots drawn, no hidden test shown", { timeout: 600_000 }, async () => {
  await step("generate and release feedback", async () => {
    await nbgrader("instructor", ["generate_feedback", ASSIGNMENT]);
    await nbgrader("instructor", ["release_feedback", ASSIGNMENT]);
  });
  await step("alice fetches her feedback", async () => {
    await logIn("alice");
    await openAssignmentList();
    await page.locator("#submitted_assignments_list .list_item", { hasText: ASSIGNMENT }).first().locator("button", { hasText: "Fetch Feedback" }).click();
    await page.getByText("(view feedback)").first().click();
    // "view feedback" shows the feedback folder in the file browser; alice opens the page there.
    await page.locator(".jp-DirListing-item", { hasText: `${ASSIGNMENT}.html` }).dblclick();
  });
  const frame = page.frameLocator(".jp-HTMLViewer iframe");
  await frame.locator("body").waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(artifactsDir, "5-feedback.png") });

  await frame.locator("img").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifactsDir, "6-feedback-plot.png") });
  const images = await frame.locator("img").evaluateAll((all) => all.map((img) => ({ width: img.naturalWidth, height: img.naturalHeight, src: img.src.slice(0, 30) })));
  assert.ok(images.length >= 2, `the plots are on the page as images (found ${images.length})`);
  for (const image of images) assert.ok(image.width > 50 && image.height > 50, `an image is drawn, not empty: ${JSON.stringify(image)}`);
  const shown = await frame.locator("body").innerText();
  assert.match(shown, new RegExp(GRADER_COMMENT.slice(0, 30)), "the grader's comment is on the page");
  assert.ok(shown.includes("hidden tests, run when the notebook was graded: not shown"), "the page says where hidden tests were");
  const secrets = secretLines(source).filter((secret) => secret.what === "hidden test");
  assert.deepEqual(leakedLines(secrets, shown), [], "alice's feedback shows no line of the hidden tests");

  // bob's feedback page, as generate_feedback wrote it and release_feedback published it:
  // the hidden check's message in words, not its code.
  const bobs = fs.readFileSync(path.join(courseDir, "feedback", "bob", ASSIGNMENT, `${ASSIGNMENT}.html`), "utf8");
  assert.match(bobs, /the variance of X(&#39;|&#x27;|')? is 1\.\d+; it must be 1/, "bob's page says which hidden check failed");
  assert.deepEqual(leakedLines(secrets, bobs), [], "bob's feedback shows no line of the hidden tests");
  assert.doesNotMatch(bobs, /\u001b\[/, "no raw terminal colour codes");
});

test("Ctrl-C stops the hub, the users' servers and their kernels, and the proxy", { timeout: 300_000 }, async () => {
  await page.close();
  page = undefined;
  const running = () => processesIn(hub.dir);
  assert.ok(running().length >= 3, `the hub, its proxy and users' servers run in the hub's folder: ${running().join(", ")}`);
  const exit = await step("stop the hub", () => hub.stop());
  assert.equal(exit.timedOut, undefined, "the hub stops within 30 s");
  assert.deepEqual(running(), [], "no process of the hub is left");
});

/** The real user id of a process. */
const uidOf = (pid) => Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^Uid:\s+(\d+)/m)[1]);

/** Processes whose working folder lies in `dir` (the hub, the proxy, users' servers and kernels). */
function processesIn(dir) {
  const found = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + path.sep)) found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, 2).join(" ")}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

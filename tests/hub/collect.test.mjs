// nbgrader's collect on the course hub (hub/course_exchange.py, CourseCollect): the exchange's
// inbound folder is writable by every student, and nbgrader collected, as the instructor, any
// folder named `<student>+<assignment>+<time>+<random>`: a folder named for another student with a
// time in 2099 replaced that student's submission, and a link to the course's source became a
// submission graded in full. Those are left in inbound with a warning; the real ones are collected.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-collect-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** nbgrader's time in a submission's name, `minutes` before now (a submission's files are made now: an older time is a late change). */
const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString().replace("T", " ").replace("Z", "000 UTC");

/** A submission folder in inbound as nbgrader submit makes it, with `notebook` as its notebook. */
function submission(inbound, name, notebook, { timestamp = name.split("+")[2], secret = true } = {}) {
  const folder = path.join(inbound, name);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "a.ipynb"), notebook);
  if (timestamp !== null) fs.writeFileSync(path.join(folder, "timestamp.txt"), timestamp);
  if (secret !== false) fs.writeFileSync(path.join(folder, "submission_secret.txt"), secret === true ? "0f".repeat(64) : secret);
  return folder;
}

/** A course folder with assignment "a" (its source notebook `source`) and the hub's exchange beside it, named by `name`. */
function courseAndExchange(name, source) {
  const course = path.join(root, `${name}course`);
  const exchange = path.join(root, `${name}exchange`);
  const inbound = path.join(exchange, "neural-mi", "inbound");
  fs.mkdirSync(inbound, { recursive: true });
  fs.mkdirSync(path.join(course, "source", "a"), { recursive: true });
  fs.writeFileSync(path.join(course, "source", "a", "a.ipynb"), source);
  fs.writeFileSync(path.join(course, "nbgrader_config.py"), `c = get_config()\nload_subconfig(${JSON.stringify(fromRoot("hub", "nbgrader_course.py"))})\nc.CourseDirectory.root = ${JSON.stringify(course)}\n`);
  return { course, exchange, inbound };
}

test("collect takes each student's own latest submission, and leaves links, future times, folders nested too deep and those whose timestamp.txt or submission_secret.txt nbgrader cannot read in inbound", () => {
  const { course, exchange, inbound } = courseAndExchange("", "THE COURSE'S SOURCE, WITH ITS SOLUTIONS");
  submission(inbound, `ana+a+${minutesAgo(0.5)}+r1`, "ana's work");
  submission(inbound, `bob+a+${minutesAgo(0.4)}+r2`, "bob's work");
  // a course whose nbgrader writes its times in another timezone (Exchange.timezone): EST, five hours behind UTC
  const est = new Date(Date.now() - 60_000 - 5 * 3_600_000).toISOString().replace("T", " ").replace("Z", "000 EST");
  submission(inbound, `rae+a+${est}+r3`, "rae's work");
  fs.appendFileSync(path.join(course, "nbgrader_config.py"), 'c.Exchange.timezone = "EST"\n');
  // folders listed before all others, each with a zone of its own: collect looks up 16 zones at most, and the course's
  // own EST, looked up after them, was not, so that every submission of the class was refused
  for (let i = 0; i < 16; i++) fs.mkdirSync(path.join(inbound, `aa+a+${minutesAgo(1).replace(" UTC", ` Q${String.fromCharCode(65 + i)}`)}+zone${i}`));
  // ana, as bob, with a time no real submission will pass
  submission(inbound, "bob+a+2099-01-01 00:00:00.000000 UTC+forged", "ana's forgery");
  // a link to the course's source, and a folder holding one
  fs.symlinkSync(path.join(course, "source", "a"), path.join(inbound, `cy+a+${minutesAgo(1)}+link`));
  const holding = submission(inbound, `dee+a+${minutesAgo(1)}+inner`, "x");
  fs.rmSync(path.join(holding, "a.ipynb"));
  fs.symlinkSync(path.join(course, "source", "a", "a.ipynb"), path.join(holding, "a.ipynb"));
  // no timestamp.txt (release_feedback failed on one for the whole class)
  submission(inbound, `eve+a+${minutesAgo(1)}+bare`, "eve's work", { timestamp: null });
  // a timestamp.txt that is not a time stopped every later collect --update; no submission_secret.txt
  // stopped release_feedback, both for the whole class; folders nested 1200 deep stopped the copy
  submission(inbound, `fay+a+${minutesAgo(1)}+badtime`, "fay's work", { timestamp: "not a time" });
  submission(inbound, `gus+a+${minutesAgo(1)}+nosecret`, "gus's work", { secret: false });
  const deep = submission(inbound, `hal+a+${minutesAgo(1)}+deep`, "hal's work");
  fs.mkdirSync(path.join(deep, ...Array.from({ length: 1200 }, () => "d")), { recursive: true });
  // each collect copied every folder before its checks: a sparse file of 99 MB (no disk of the
  // student's), 50,000 empty files, and folders without end each cost the whole class time
  const sparse = submission(inbound, `ivy+a+${minutesAgo(1)}+sparse`, "ivy's work");
  fs.closeSync(fs.openSync(path.join(sparse, "big.bin"), "w"));
  fs.truncateSync(path.join(sparse, "big.bin"), 2 ** 30);
  const many = submission(inbound, `jo+a+${minutesAgo(1)}+many`, "jo's work");
  for (let i = 0; i < 2100; i++) fs.writeFileSync(path.join(many, `f${i}`), "");
  const kims = Array.from({ length: 6 }, (_, i) => `kim+a+${minutesAgo((6 - i) / 10)}+bad${i}`);
  for (const name of kims) submission(inbound, name, "kim's", { timestamp: null });
  // a student's many folders made by hand: the warning named every one left untried (100,000 made a line of 6 MB)
  const maxes = Array.from({ length: 20 }, (_, i) => `max+a+${minutesAgo((20 - i) / 40)}+bad${i}`);
  for (const name of maxes) submission(inbound, name, "max's", { timestamp: null });
  // a notebook changed after its submission's time (the student owns the folder), or a folder made
  // by hand with a past time: its files' change times are the clock's
  submission(inbound, `lee+a+${minutesAgo(60)}+late`, "lee's late edit");
  // nbgrader submit copies in seconds after taking its time: a folder made by hand 5 minutes after the
  // time it claims is not one it made (the allowance had been 10 minutes: a deadline held to within them)
  submission(inbound, `pia+a+${minutesAgo(5)}+backdated`, "pia's late work");
  // a late submission whose timestamp.txt, where autograde takes the submission's time (and its late
  // penalty) from, was rewritten to an early time within the minutes its change time allows
  submission(inbound, `mo+a+${minutesAgo(1)}+backdated`, "mo's late work", { timestamp: "2020-01-01 00:00:00.000000 UTC" });
  // a timestamp.txt of "1.1.1…": dateutil's time on it grows with its square (16 MB held every collect of the class for hours)
  submission(inbound, `tia+a+${minutesAgo(1)}+slowtime`, "tia's work", { timestamp: "1.".repeat(500) });
  // an empty submission_secret.txt: release_feedback failed on it (an assertion) for every student after
  submission(inbound, `ned+a+${minutesAgo(1)}+emptysecret`, "ned's work", { secret: "" });
  // a notebook whose name is not UTF-8 (made by hand, or by an nbgrader submit that let it pass): autograde graded none
  // of the submission, and fetch_feedback stopped at it
  // a folder whose name holds no time: nbgrader's own listing parsed every name first, and one any student made
  // stopped the collection of the whole class with a traceback
  fs.mkdirSync(path.join(inbound, "zed+a+garbage+r1"));
  fs.mkdirSync(path.join(inbound, "+a+"));
  // a name holding a line break and a line of collect's own, and a terminal escape: written as they were in the instructor's log
  fs.mkdirSync(path.join(inbound, "zed+a+garbage\n[CollectApp | INFO] Collecting submission: nobody a\x1b]0;x\x07+r2"));
  const odd = submission(inbound, `oz+a+${minutesAgo(1)}+latin1`, "oz's work");
  fs.writeFileSync(Buffer.from(path.join(odd, "caf\xe9.ipynb"), "latin1"), "{}");
  // the record of what collects took cannot be written (a folder where it goes): what is collected stands
  fs.mkdirSync(path.join(course, ".collected", "a.json"), { recursive: true });

  const run = spawnSync(venvBin("nbgrader"), ["collect", "a"], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const submitted = (student) => {
    const file = path.join(course, "submitted", student, "a", "a.ipynb");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  };
  assert.equal(submitted("ana"), "ana's work");
  assert.equal(submitted("bob"), "bob's work", "bob's own submission, not the one named for him from the future");
  assert.equal(submitted("rae"), "rae's work", run.stderr.split("\n").filter((line) => line.includes("rae+")).join("\n"));
  for (const student of ["cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo", "kim", "lee", "max", "mo", "ned", "oz", "pia", "tia"]) assert.equal(submitted(student), undefined, student);
  assert.match(run.stderr, /Not collected: .*bob\+a\+2099-01-01.* since its time \(2099-01-01T00:00:00\+00:00\) is in the future of its folder, last changed at 20/);
  assert.match(run.stderr, /Not collected: .*cy\+a\+.* since it is, or holds, a symbolic link/);
  assert.match(run.stderr, /Not collected: .*dee\+a\+.* since it is, or holds, a symbolic link/);
  assert.match(run.stderr, /Not collected: .*eve\+a\+.* since it has no timestamp\.txt/);
  assert.match(run.stderr, /Not collected: .*fay\+a\+.* since its timestamp\.txt does not hold a time nbgrader reads/);
  assert.match(run.stderr, /Not collected: .*tia\+a\+.* since its timestamp\.txt holds more than the 256 bytes of a time nbgrader submit writes/);
  assert.match(run.stderr, /Not collected: .*gus\+a\+.* since it has no submission_secret\.txt/);
  assert.match(run.stderr, /Not collected: .*hal\+a\+.* since it holds folders nested more than 40 deep/);
  assert.match(run.stderr, /Not collected: .*ivy\+a\+.* since it holds more than nbgrader's max_dir_size/);
  assert.match(run.stderr, /Not collected: .*jo\+a\+.* since it holds more than 2000 files and folders/);
  // a student's three newest are tried, the rest named in one line
  assert.equal(run.stderr.match(/Not collected: .*kim\+a\+.* since it has no timestamp\.txt/g)?.length, 3);
  const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(run.stderr, new RegExp(`Not collected: ${maxes.slice(7, 17).reverse().map(escaped).join(", ")} and 7 older ones, since none of its student's 3 newer`));
  assert.match(run.stderr, new RegExp(`Not collected: ${kims.slice(0, 3).reverse().map(escaped).join(", ")}, since none of its student's 3 newer submissions passed`));
  assert.match(run.stderr, /Not collected: .*lee\+a\+.* since it was changed at .*, after its submission time/);
  assert.match(run.stderr, /Not collected: .*pia\+a\+.* since it was changed at .*, after its submission time/);
  assert.match(run.stderr, /Not collected: .*ned\+a\+.* since its submission_secret\.txt does not hold the hex digits nbgrader submit writes/);
  assert.match(run.stderr, /Not collected: .*zed\+a\+garbage\+r1, since its name does not hold a time as nbgrader submit writes it \(YYYY-MM-DD HH:MM:SS\.ffffff UTC, or another timezone\)/);
  assert.match(run.stderr, /Not collected: .*inbound\/\+a\+, since its name does not hold a time as nbgrader submit writes it/);
  assert.match(run.stderr, /Not collected: .*zed\+a\+garbage\\x0a\[CollectApp \| INFO\] Collecting submission: nobody a\\x1b\]0;x\\x07\+r2, since/);
  assert.doesNotMatch(run.stderr, /^\[CollectApp \| INFO\] Collecting submission: nobody/m);
  assert.doesNotMatch(run.stderr, /\x1b/);
  assert.match(run.stderr, /Not collected: .*oz\+a\+.* since it holds the notebook caf\\xe9\.ipynb, whose name is not UTF-8 text/);
  assert.match(run.stderr, /Not collected: .*mo\+a\+.* since its timestamp\.txt says 2020-01-01T00:00:00.*, not its name's time/);
  assert.doesNotMatch(JSON.stringify(fs.readdirSync(path.join(course, "submitted"), { recursive: true })), /SOLUTIONS/);
  assert.match(run.stderr, /The record of what this collect took could not be written \(.*\): the next collect goes by the submissions' times/);
});

/** Runs `script` in the project's Python with hub/ importable; returns its parsed JSON output. */
function python(script) {
  const run = spawnSync(venvBin("python"), ["-c", `import sys, json\nsys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})\n${script}`], { encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test("collect copies a submission without following a link, even one put in place while it copies: the student owns the folder and can swap a file at any time; a folder of many files is refused without its whole listing held", () => {
  const base = fs.mkdtempSync(path.join(root, "copy-"));
  const source = path.join(base, "source.ipynb");
  fs.writeFileSync(source, "THE COURSE'S SOURCE, WITH ITS SOLUTIONS");
  const folder = (name) => {
    const at = path.join(base, name);
    fs.mkdirSync(path.join(at, "inner"), { recursive: true });
    fs.writeFileSync(path.join(at, "a.ipynb"), "the student's work");
    fs.writeFileSync(path.join(at, "inner", "b.txt"), "more work");
    return at;
  };
  const [plain, swapped, piped, large, owned, hard] = ["plain", "swapped", "piped", "large", "owned", "hard"].map(folder);
  spawnSync("mkfifo", [path.join(piped, "inner", "pipe")]);
  // a second name of a file the collect can read and the student cannot (where fs.protected_hardlinks
  // is 0, she may link any file she can reach: the gradebook, the course's source)
  fs.linkSync(source, path.join(hard, "inner", "notes.txt"));
  fs.writeFileSync(path.join(large, "big.bin"), Buffer.alloc(200_000));
  const result = python(`
import os
import course_exchange as ce
out = {}
def attempt(name, src, **kw):
    dest = src + ".copy"
    try:
        ce.copy_own_tree(src, dest, kw.get("max_bytes", 100_000), kw.get("owner_uid"))
        out[name] = {"copied": sorted(os.listdir(dest)), "text": open(os.path.join(dest, "a.ipynb")).read()}
    except ce.Refused as refused:
        out[name] = {"refused": str(refused), "left": os.path.exists(dest)}
attempt("plain", ${JSON.stringify(plain)})
# the student's swap, made just after the copy listed the folder and before it opened the notebook
import contextlib
scandir = os.scandir
@contextlib.contextmanager
def listing(fd):
    with scandir(fd) as entries:
        listed = list(entries)
    os.rename(${JSON.stringify(path.join(swapped, "a.ipynb"))}, ${JSON.stringify(path.join(swapped, "old.ipynb"))})
    os.symlink(${JSON.stringify(source)}, ${JSON.stringify(path.join(swapped, "a.ipynb"))})
    os.scandir = scandir
    yield iter(listed)
os.scandir = listing
attempt("swapped", ${JSON.stringify(swapped)})
os.scandir = scandir
# a folder of 20,000 empty files (a student's inodes, no disk): refused having read about as many names as it may hold,
# where the whole listing was held (10 million names: some 1 GB of the instructor's memory, at each try); made in
# memory, where they cost little to make
import shutil, tempfile, tracemalloc
crowded = os.path.join(tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None), "crowded")
os.makedirs(os.path.join(crowded, "inner"))
for i in range(20_000):
    os.close(os.open(os.path.join(crowded, "inner", f"empty-file-{i:05}"), os.O_CREAT | os.O_WRONLY))
tracemalloc.start()
attempt("crowded", crowded)
out["crowded"]["peak_kb"] = tracemalloc.get_traced_memory()[1] // 1000
tracemalloc.stop()
shutil.rmtree(os.path.dirname(crowded))
attempt("piped", ${JSON.stringify(piped)})
attempt("large", ${JSON.stringify(large)})
attempt("owned", ${JSON.stringify(owned)}, owner_uid=os.getuid() + 1)
attempt("hard", ${JSON.stringify(hard)})
print(json.dumps(out))
`);
  assert.deepEqual(result.plain, { copied: ["a.ipynb", "inner"], text: "the student's work" });
  assert.deepEqual(result.swapped, { refused: "it is, or holds, a symbolic link", left: false });
  assert.deepEqual(result.piped, { refused: "it holds pipe, which is neither a file nor a folder", left: false });
  assert.deepEqual(result.large, { refused: "it holds more than nbgrader's max_dir_size", left: false });
  assert.equal(result.owned.left, false);
  assert.match(result.owned.refused, /^it is owned by .+, not by /);
  assert.equal(result.crowded.refused, "it holds more than 2000 files and folders");
  assert.ok(result.crowded.peak_kb < 1700, `the copy held ${result.crowded.peak_kb} kB`);
  assert.deepEqual(result.hard, { refused: "it holds notes.txt, a hard link (one file under several names, the others anywhere on the disk)", left: false });
});

test("on a hub with an account per user, collect takes a folder only from its student's account", () => {
  const { course, exchange, inbound } = courseAndExchange("owners-", "source");
  // accounts "no" + student: the student "body" is the account nobody, which every Debian has
  const nobody = Number(spawnSync("id", ["-u", "nobody"], { encoding: "utf8" }).stdout.trim());
  // (giving a folder to nobody takes root; otherwise both folders are the runner's, and both refused)
  const asRoot = process.getuid() === 0;
  const own = submission(inbound, `body+a+${minutesAgo(1.2)}+r1`, "body's work");
  if (asRoot) fs.chownSync(own, nobody, 0);
  // the runner's folders named for body, later: more decoys than the tries collect gives a student
  // (each refused when copied had used one up, and body's own was not collected)
  for (const [minutes, suffix] of [[1, "r2"], [0.8, "r3"], [0.6, "r4"], [0.4, "r5"]]) submission(inbound, `body+a+${minutesAgo(minutes)}+${suffix}`, "someone else's");
  // and an empty file named as a submission
  fs.writeFileSync(path.join(inbound, `body+a+${minutesAgo(0.2)}+r6`), "");
  const run = spawnSync(venvBin("nbgrader"), ["collect", "a"], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange, NEURAL_MI_HUB_SYSTEM_USERS: "no" },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const collected = path.join(course, "submitted", "body", "a", "a.ipynb");
  assert.equal(fs.existsSync(collected) ? fs.readFileSync(collected, "utf8") : undefined, asRoot ? "body's work" : undefined);
  const runner = os.userInfo().username;
  for (const suffix of ["r2", "r3", "r4", "r5"]) assert.match(run.stderr, new RegExp(`Not collected: .*body\\+a\\+.*\\+${suffix}, since it is owned by ${runner}, not by nobody`));
  assert.match(run.stderr, /Not collected: .*body\+a\+.*\+r6, since it is not a folder/);
  assert.doesNotMatch(run.stderr, /newer submissions passed/, "the decoys used up none of body's tries");
  assert.doesNotMatch(run.stderr, /cheating attempt/);
});

test("a collect cut short by a full disk leaves no part of a submission in submitted/, and the next collect takes it whole", { skip: process.getuid() !== 0 && "a disk of its own for submitted/ takes root (a mount namespace)" }, () => {
  const { course, exchange, inbound } = courseAndExchange("full-", "source");
  const folder = submission(inbound, `ana+a+${minutesAgo(1)}+full`, "ana's work");
  fs.writeFileSync(path.join(folder, "data.bin"), Buffer.alloc(3 * 2 ** 20, 7));
  const submitted = path.join(course, "submitted");
  fs.mkdirSync(submitted);
  // in a mount namespace of its own, submitted/ on a disk of 8 MB with 6 MB of it taken (a student's
  // files fill the disk); the instructor collects, makes room, and collects again as the README says
  const script = [
    'mount -t tmpfs -o size=8m tmpfs "$1"',
    'head -c 6291456 /dev/zero > "$1/filler"',
    '"$2" collect a; echo "first collect: $?"',
    'echo "left in submitted/ana: [$(ls -A "$1/ana" | tr "\\n" " ")]"',
    'rm "$1/filler"',
    '"$2" collect a; echo "second collect: $?"',
    'echo "data.bin collected: $(stat -c %s "$1/ana/a/data.bin")"',
  ].join("\n");
  const run = spawnSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, "sh", submitted, venvBin("nbgrader")], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stdout, /first collect: 0/, "the disk was full");
  assert.match(run.stdout, /left in submitted\/ana: \[\]/, `no part of ana's submission stays to be graded:\n${run.stdout}`);
  assert.match(run.stderr, /Not collected: .*ana\+a\+.*full, since its copy was cut short \(.*\); nothing of it is in .*submitted\/ana\. Collect again once the disk has room/);
  assert.match(run.stdout, /second collect: 0/);
  assert.match(run.stdout, new RegExp(`data.bin collected: ${3 * 2 ** 20}\\n`), run.stdout);
});

test("the checked copies a collect stopped outright left in the temporary folder go at the next collect; a running collect's stay", () => {
  const { course, exchange, inbound } = courseAndExchange("stale", "the course's source");
  submission(inbound, `nia+a+${minutesAgo(0.5)}+r1`, "nia's work");
  const tmp = path.join(root, "staletmp");
  fs.mkdirSync(tmp);
  // a collect killed as its terminal closed (the hub restarted): process 2^22 + 1 is past Linux's largest id, so gone
  const stale = path.join(tmp, "neural-mi-collect-4194305-12345-abcd");
  fs.mkdirSync(path.join(stale, "nia+a+x+r0"), { recursive: true });
  fs.writeFileSync(path.join(stale, "nia+a+x+r0", "a.ipynb"), "a copy of the class's work");
  // a collect running beside: this process stands for it
  const started = fs.readFileSync(`/proc/${process.pid}/stat`, "utf8").split(") ").at(-1).split(" ")[19];
  const running = path.join(tmp, `neural-mi-collect-${process.pid}-${started}-efgh`);
  fs.mkdirSync(running);
  const run = spawnSync(venvBin("nbgrader"), ["collect", "a"], {
    cwd: course,
    env: { ...jupyterEnv(), TMPDIR: tmp, NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.readFileSync(path.join(course, "submitted", "nia", "a", "a.ipynb"), "utf8"), "nia's work");
  assert.deepEqual(fs.readdirSync(tmp), [path.basename(running)], "the stopped collect's copies are gone, the running one's stay, and this collect's own are removed");
});

/**
 * Runs `script` in the project's Python in the course folder, with `collect(argv, clock_back=0)` defined: nbgrader's
 * collect in this process, its clock read `clock_back` seconds behind (a clock set back), returning how many times
 * it called dateutil's parser (the cost of reading each folder's name that way); `submission(name, text)`, as the
 * first test's; `name(student, minutes_ago, suffix)`, a submission's name; and `submitted(student)`, her collected
 * notebook. Returns the script's last printed line, parsed, with its stderr.
 */
function inProcess(course, exchange, script) {
  const prelude = `
import datetime, json, os, sys, time, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
import course_exchange
from nbgrader.apps.collectapp import CollectApp
inbound = ${JSON.stringify(path.join(exchange, "neural-mi", "inbound"))}
def submission(name, text):
    folder = os.path.join(inbound, name)
    os.mkdir(folder)
    for file, content in (("a.ipynb", text), ("timestamp.txt", name.split("+")[2]), ("submission_secret.txt", "0f" * 64)):
        with open(os.path.join(folder, file), "w") as out:
            out.write(content)
def collect(argv, clock_back=0):
    class Behind(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.now(tz) - datetime.timedelta(seconds=clock_back)
    course_exchange.datetime = types.SimpleNamespace(**{**vars(datetime), "datetime": Behind})
    app = CollectApp.instance()
    app.initialize(argv)
    import dateutil.parser
    parse = dateutil.parser.parse
    calls = []
    dateutil.parser.parse = lambda *args, **kwargs: calls.append(1) or parse(*args, **kwargs)
    try:
        app.start()
    finally:
        dateutil.parser.parse = parse
        CollectApp.clear_instance()
    return len(calls)
def name(student, minutes_ago, suffix):
    when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=minutes_ago)
    return f"{student}+a+{when.strftime('%Y-%m-%d %H:%M:%S.%f')} UTC+{suffix}"
def submitted(student):
    file = os.path.join("submitted", student, "a", "a.ipynb")
    return open(file).read() if os.path.exists(file) else None
`;
  const run = spawnSync(venvBin("python"), ["-c", prelude + script], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  return { ...JSON.parse(run.stdout.trim().split("\n").at(-1)), stderr: run.stderr };
}

test("a clock set back: what was submitted after it, with an earlier time than what was collected, and what was submitted before it, with a time ahead of the clock, are collected at the next collect, and one passed over for the due date by the next without it; a student's 12,000 folders made by hand in inbound, for herself, named for classmates and for 300 made-up students, cost that collect well under a second and a few lines of its log; a collect with nothing new copies nothing collected, and one while another runs is refused; a full disk under its checked copies stops it, saying so; a submission a hub start renamed for its renamed student, long after its time, is collected under her new name", () => {
  const { course, exchange } = courseAndExchange("clock-", "source");
  // the start's carry-over of a renamed student's waiting submissions (npm run hub -- --renamed una=una-lee)
  const renameUna = [
    `import { moveCourseRecords, planCourseRenames } from ${JSON.stringify(fromRoot("scripts", "hub", "renamed-course.mjs"))};`,
    `const layout = { courseDir: process.cwd(), exchangeDir: ${JSON.stringify(exchange)} };`,
    `for (const plan of planCourseRenames(layout, [{ from: "una", to: "una-lee" }])) moveCourseRecords(layout, plan);`,
  ].join("\n");
  const result = inProcess(course, exchange, `
# una, renamed una-lee at a hub start long after she submitted (none of the minutes nbgrader submit may take are
# left): the rename changed her folder, not her work, which is collected under her new name
import subprocess
submit_time, course_exchange.SUBMIT_TIME = course_exchange.SUBMIT_TIME, datetime.timedelta(0)
submission(name("una", -0.005, "r1"), "una's work")  # her name's time 0.3 s ahead: her files made before it
time.sleep(0.5)
subprocess.run([${JSON.stringify(process.execPath)}, "--input-type=module", "-e", ${JSON.stringify(renameUna)}], check=True)
collect(["a"])
una = [submitted("una"), submitted("una-lee")]
course_exchange.SUBMIT_TIME = submit_time
submission(name("ana", 0.1, "first"), "ana's first")
collect(["a"])
# as a course collected before collects kept their record, and collected again
import shutil
shutil.rmtree(".collected")
collect(["a", "--update"])
# ana's first is autograded (as autograde leaves it: its timestamp.txt beside the notebook)
shutil.copytree(os.path.join("submitted", "ana", "a"), os.path.join("autograded", "ana", "a"))
# the clock is set back a minute; ana submits again, her time earlier than her first's
submission(name("ana", 1, "second"), "ana's second")
collect(["a", "--update"], clock_back=60)
ana_after_step = submitted("ana")
# fay's on time and then late, collected for the due date (--before-duedate): a later collect without it takes the late one
from nbgrader.api import Gradebook
with Gradebook(f"sqlite:///{os.path.abspath('gradebook.db')}") as gradebook:
    gradebook.update_or_create_assignment("a", duedate=datetime.datetime.utcnow() - datetime.timedelta(minutes=1))
submission(name("fay", 1.5, "ontime"), "fay's on time")
submission(name("fay", 0.1, "late"), "fay's late")
collect(["a", "--before-duedate"])
fay_for_due_date = submitted("fay")
collect(["a", "--update"])
fay_after = submitted("fay")
# gil submits again after his first was collected; a collect without --update leaves it ("use --update to update"),
# and the instructor's collect --update then took his first again, "no newer submission", his second never collected
submission(name("gil", 0.3, "first"), "gil's first")
collect(["a"])
submission(name("gil", 0.2, "second"), "gil's second")
collect(["a"])
gil_without_update = submitted("gil")
collect(["a", "--update"])
gil_after = submitted("gil")
# ben's submission, made before the clock was set back an hour, has a time an hour ahead of it; ana's first is
# the latest by the times, and ana's second stays
submission(name("ben", 0.1, "only"), "ben's")
# eve's folders, for herself (none holding a submission's files) and named for cy and dee
base = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=30)
for i in range(8000):
    os.mkdir(os.path.join(inbound, f"eve+a+{(base + datetime.timedelta(milliseconds=i)).strftime('%Y-%m-%d %H:%M:%S.%f')} UTC+{i}"))
for i in range(2000):
    os.mkdir(os.path.join(inbound, f"cy+a+garbage {i}+x"))
    os.mkdir(os.path.join(inbound, f"dee+a+2099-01-01 00:00:00.{i:06d} UTC+x"))
# and for 300 made-up students, one each
for i in range(300):
    os.mkdir(os.path.join(inbound, f"made{i}+a+garbage+x"))
submission(name("cy", 0.1, "own"), "cy's")
submission(name("dee", 0.1, "own"), "dee's")
parses = collect(["a", "--update"], clock_back=3600)
# collected again, nothing new: what was collected is not copied again (each collect copied the whole class's)
print("collected again", file=sys.stderr)
# a second collect while one runs (the formgrader's Collect, and one in a terminal) is refused
import fcntl
running = os.open(".collected/a.json.lock", os.O_RDWR | os.O_CREAT)
fcntl.flock(running, fcntl.LOCK_EX)
try:
    collect(["a", "--update"])
except SystemExit as stopped:
    print("second collect:", stopped.code, file=sys.stderr)
os.close(running)
copied = []
copy_own_tree = course_exchange.copy_own_tree
course_exchange.copy_own_tree = lambda src, *rest: copied.append(os.path.basename(src).split("+")[0]) or copy_own_tree(src, *rest)
collect(["a", "--update"])
# the disk of the checked copies full: the collect stops, saying so, where each submission was "could not be read"
print("disk full", file=sys.stderr)
submission(name("ben", 0, "again"), "ben's again")
import errno
def full(src, dest, *rest):
    raise OSError(errno.ENOSPC, "No space left on device")
course_exchange.copy_own_tree = full
try:
    collect(["a", "--update"])
except SystemExit as stopped:
    print("full disk collect:", stopped.code, file=sys.stderr)
print(json.dumps({"una": una, "gil": [gil_without_update, gil_after], "fay": [fay_for_due_date, fay_after], "ana_after_step": ana_after_step, "parses": parses, "submitted": {s: submitted(s) for s in ("ana", "ben", "cy", "dee", "eve")}, "copied": copied}))
`);
  const full = result.stderr.split("disk full")[1];
  assert.match(full, /Not collected: the disk of the collect's checked copies \(.*\) is full\. Make room there, or set TMPDIR to a folder on a disk with room, then collect again(.*\n)*full disk collect: 1/);
  assert.doesNotMatch(full, /could not be read/);
  assert.deepEqual(result.copied, ["eve", "eve", "eve"], "only eve's newest three, none of which passes, are tried again");
  assert.match(result.stderr, /Not collected: another collect of a is running \(in a terminal, or the formgrader's Collect\); collect again once it has finished\n(.*\n)*second collect: 1/);
  assert.deepEqual(result.una, [null, "una's work"], result.stderr.split("\n").filter((line) => line.includes("una")).join("\n"));
  assert.equal(result.ana_after_step, "ana's second", result.stderr);
  // autograde regrades only a later time: without --force it skipped ana's second, her feedback the first's
  assert.match(result.stderr, /Collected ana's submission of a, whose time is not later than the one autograded \(the clock was set back\?\): autograde skips it unless forced: nbgrader autograde a --student ana --force/);
  assert.doesNotMatch(result.stderr, /Collected (ben|cy|dee|fay|gil)'s submission/);
  assert.deepEqual(result.fay, ["fay's on time", "fay's late"], result.stderr);
  assert.deepEqual(result.gil, ["gil's first", "gil's second"], result.stderr.split("\n").filter((line) => line.includes("gil")).join("\n"));
  assert.deepEqual(result.submitted, { ana: "ana's second", ben: "ben's", cy: "cy's", dee: "dee's", eve: null });
  // dateutil read each of the 12,300 names three times (0.25 ms each: 30 s for 100,000 folders); now only the
  // timestamp.txt of the few submissions checked
  assert.ok(result.parses <= 20, `dateutil parsed ${result.parses} times`);
  const lines = result.stderr.split("collected again")[0].split("\n").filter((line) => line.includes("Not collected"));
  assert.ok(lines.length <= 100 + 2 + 5, `${lines.length} lines`);
  assert.match(result.stderr, /Not collected: \d+ more folders in .*inbound, named for other students, for such reasons/);
  assert.match(result.stderr, /Not collected: 1990 more folders named for cy in .*inbound, for such reasons/);
  assert.match(result.stderr, /Not collected: 1990 more folders named for dee in .*inbound, for such reasons/);
  // her 1000 latest are looked at, of which three are tried
  assert.match(result.stderr, /Not collected: 7000 folders of eve in .*inbound, older than the 1000 latest, are not looked at/);
  assert.match(result.stderr, /and 987 older ones, since none of its student's 3 newer submissions passed/);
});

test("as root: the lock of collects made by a collect run as root still locks the instructor's", { skip: process.getuid() !== 0 && "another account takes root" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-collect-lock-"));
  try {
    fs.chmodSync(dir, 0o777);
    const record = path.join(dir, ".collected", "a.json");
    // the module beside it: the checkout may be closed to other accounts
    fs.copyFileSync(fromRoot("hub", "collect_record.py"), path.join(dir, "collect_record.py"));
    const hold = `import sys; sys.path.insert(0, ${JSON.stringify(dir)}); import collect_record; print(collect_record.hold_collects(${JSON.stringify(record)}) is not None)`;
    assert.equal(spawnSync(venvBin("python"), ["-c", hold], { encoding: "utf8" }).stdout.trim(), "True");
    const nobody = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", venvBin("python"), "-c", hold], { encoding: "utf8" });
    assert.equal(nobody.stdout.trim(), "True", nobody.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

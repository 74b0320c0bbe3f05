#!/usr/bin/env node
// `npm run hub`: the course on a JupyterHub on this machine, for an instructor to try the
// semester's cycle (release, fetch, submit, collect, grade, feedback) with students.
//   node scripts/hub.mjs [--dir .hub] [--port 8000] [--ip 127.0.0.1]
//                        [--instructor instructor] [--students alice,bob,carol | --students-file <class list>]
//                        [--cull-idle <minutes>] [--max-server-minutes <minutes>] [--max-servers <n>] [--max-processes <n>] [--memory-mb <MB>] [--disk-quota-mb <MB>]
//                        [--max-connections <n>] [--graders <name,...>] [--renamed <old=new,...>] [--subdomain-host <url>] [--one-user]
// JupyterHub from the project's Python environment, its proxy (configurable-http-proxy)
// from node_modules, a fixed list of users with passwords (also in <dir>/passwords.csv),
// the class in nbgrader's gradebook, idle servers stopped and a cap on those running, every user's JupyterLab as a
// process of this system user in a home folder under the hub's folder, the TypeScript
// kernel for all, and nbgrader's exchange in the hub's folder. Run scripts/setup.mjs first
// (npm run hub does). Ctrl-C stops the hub, the users' servers and the proxy.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "./lib/free-port.mjs";
import { jupyterEnv } from "./lib/jupyter-env.mjs";
import { announceWhenReady, stopWithParent } from "./lib/server-console.mjs";
import { fromRoot, venvBin } from "./lib/paths.mjs";
import { chapters, checkCourseStaysWithInstructor, checkoutChaptersChanged, checkNoCourseInStudentHomes, holdHubFolder, hubLayout, movePackagesFolderOfHomes, prepareHubFolders, rememberInstructor, startWritten } from "./hub/layout.mjs";
import { applyDiskQuotas } from "./hub/disk-quotas.mjs";
import { applyConnectionLimits, DEFAULT_CONNECTIONS, FEWEST_CONNECTIONS, removeConnectionLimits } from "./hub/connection-limits.mjs";
import { checkServersCanRun, gradingNetworkView, hubAccounts, isolateUsers, isolationMode, processListView } from "./hub/isolation.mjs";
import { writeHubSettings } from "./hub/settings.mjs";
import { holdIpv6Twin } from "./hub/ipv6-twin.mjs";
import { addClassToGradebook } from "./hub/gradebook.mjs";
import { carryOver, readRenames } from "./hub/renamed.mjs";
import { listChanges, readRoster } from "./hub/roster.mjs";
import { addedSinceStart, checkEachNamedOnce, checkUserName, courseUsers, rememberedNames, writePasswordsFile } from "./hub/users.mjs";

const usage =
  "usage: npm run hub -- [--dir <folder>] [--port <n>] [--ip <address>] [--instructor <name>] [--students <name,name,...> | --students-file <class list>] " +
  "[--cull-idle <minutes, 0: never>] [--max-server-minutes <minutes, 0: no limit>] [--max-servers <n, 0: no limit>] [--max-processes <n per user, 0: no limit>] [--memory-mb <MB per process, 0: no limit>] [--disk-quota-mb <MB per student, 0: none>] [--max-connections <n per student, 0: no limit>] [--graders <name,...: teaching assistants who grade in the instructor's formgrader>] [--renamed <old=new,...: a student's new name, her home, password, submissions and grades carried over>] " +
  "[--subdomain-host <the hub's address, e.g. https://hub.example.edu: each user's server at https://<user>.hub.example.edu>] [--one-user]";
// The console lists the users with their passwords up to this many; beyond, passwords.csv does.
const LISTED_USERS = 10;

function wholeNumber(value, option, meaning) {
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < 0) throw new Error(`${option} ${value} is not a whole number of ${meaning} (0 or more)`);
  return number;
}

function readStudents(values, instructor) {
  if (values.students !== undefined && values["students-file"] !== undefined) {
    throw new Error("--students and --students-file both name the class: give one of them (--students-file for a class list in a file)");
  }
  if (values["students-file"] !== undefined) {
    const { students, column } = readRoster(values["students-file"], { instructor });
    console.log(`hub: class list ${values["students-file"]}: ${students.length} student(s)${column ? `, from its CSV column "${column}"` : ""}`);
    return students;
  }
  const students = (values.students ?? "alice,bob,carol").split(",").map((name) => name.trim()).filter(Boolean);
  if (students.length === 0) throw new Error("--students names no student: give at least one, e.g. --students alice,bob");
  return students.map((name) => checkUserName(name, "--students:"));
}

function readInstructor(value) {
  if (value.includes(",")) {
    const [first, ...others] = value.split(",").map((name) => name.trim());
    throw new Error(
      `--instructor ${value} names more than one: the hub has one instructor, who holds the course and its formgrader. Teaching assistants who grade ` +
        `there are graders: --instructor ${first || "prof"} --graders ${others.filter(Boolean).join(",") || "ta"} (README: "Graders")`,
    );
  }
  return checkUserName(value, "--instructor");
}

/** The teaching assistants of --graders: users who log in with passwords of their own and grade in the instructor's formgrader. */
function readGraders(value) {
  if (value === undefined) return [];
  const graders = value.split(",").map((name) => name.trim()).filter(Boolean);
  if (graders.length === 0) throw new Error("--graders names no one: give the teaching assistants' user names, e.g. --graders tom,uma, or leave it out");
  return graders.map((name) => checkUserName(name, "--graders:"));
}

/** `value`, unless it is below `least` (0, no limit, is allowed): too low a limit stops the course, not the student. */
function atLeast(value, least, option, why) {
  if (value !== 0 && value < least) throw new Error(`${option} ${value} is too low to run the course (${why}): give ${least} or more, or 0 for no limit`);
  return value;
}

/**
 * The hub's own address, under which each user's server gets a name of its own: a scheme and a host
 * name (not an address: an IP has no names under it), an optional port, no path.
 */
function readSubdomainHost(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--subdomain-host ${value} is not an address: give the hub's own, e.g. https://hub.example.edu or http://localhost:8000`);
  }
  const fix = `give the hub's host name, e.g. ${url.protocol === "https:" ? "https" : "http"}://hub.example.edu${url.port ? `:${url.port}` : ""}, whose names *.hub.example.edu lead to this machine (on the machine itself, http://localhost${url.port ? `:${url.port}` : ""} serves: browsers take *.localhost as this machine)`;
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`--subdomain-host ${value} is not an http or https address: ${fix}`);
  if (/^[\d.]+$/.test(url.hostname) || url.hostname.startsWith("[")) throw new Error(`--subdomain-host ${value} is an IP address, which has no names under it for the users' servers: ${fix}`);
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) throw new Error(`--subdomain-host ${value} has more than a scheme, host and port: ${fix}`);
  return url.origin;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: process.env.NEURAL_MI_HUB_DIR || fromRoot(".hub") },
      port: { type: "string", default: "8000" },
      ip: { type: "string", default: "127.0.0.1" },
      instructor: { type: "string", default: "instructor" },
      students: { type: "string" },
      "students-file": { type: "string" },
      // a server with no activity for this long is stopped (its files stay); 0: never
      "cull-idle": { type: "string", default: "60" },
      // a server running this long is stopped even while in use: an open tab, or a script posting
      // activity, kept it (and its memory) for good; 0: no limit
      "max-server-minutes": { type: "string", default: "720" },
      // servers running at once; 0: no limit
      "max-servers": { type: "string", default: "0" },
      // with accounts of their own: processes and threads per user, and memory per process
      "max-processes": { type: "string", default: "512" },
      "memory-mb": { type: "string", default: "4096" },
      // with accounts of their own, where the hub folder's file system has user quotas on: each student's disk space
      "disk-quota-mb": { type: "string", default: "2048" },
      // with accounts of their own, where nftables is installed: the TCP connections each student's account holds open to this machine
      "max-connections": { type: "string", default: String(DEFAULT_CONNECTIONS) },
      // teaching assistants: they open the instructor's JupyterLab (its formgrader) with passwords of their own
      graders: { type: "string" },
      // a student's new name: old=new,... (her home, password, submissions and grades carried over)
      renamed: { type: "string" },
      // each user's server on an origin of its own, <user>.<host> (JupyterHub's subdomain_host)
      "subdomain-host": { type: "string" },
      // as root: every user's JupyterLab runs as root too, as it does for anyone else (no isolation)
      "one-user": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number (0 to 65535; 0 picks a free one)`);
  const instructor = readInstructor(values.instructor);
  const students = readStudents(values, instructor);
  return {
    dir: values.dir,
    port,
    ip: values.ip,
    instructor,
    students,
    graders: readGraders(values.graders),
    renames: values.renamed === undefined ? [] : readRenames(values.renamed, { instructor, students }),
    cullIdleMinutes: wholeNumber(values["cull-idle"], "--cull-idle", "minutes"),
    maxServerMinutes: wholeNumber(values["max-server-minutes"], "--max-server-minutes", "minutes"),
    maxServers: wholeNumber(values["max-servers"], "--max-servers", "servers"),
    maxProcesses: atLeast(wholeNumber(values["max-processes"], "--max-processes", "processes"), 64, "--max-processes", "a user's JupyterLab and one kernel hold about 30 processes and threads"),
    memoryMb: atLeast(wholeNumber(values["memory-mb"], "--memory-mb", "MB"), 1024, "--memory-mb", "a kernel training chapter 5's networks writes about 800 MB"),
    diskQuotaMb: atLeast(wholeNumber(values["disk-quota-mb"], "--disk-quota-mb", "MB"), 200, "--disk-quota-mb", "a submission may hold 100 MB, and her home keeps a copy"),
    maxConnections: atLeast(wholeNumber(values["max-connections"], "--max-connections", "connections"), FEWEST_CONNECTIONS, "--max-connections", "a student's JupyterLab talks to each of its kernels through five"),
    subdomainHost: values["subdomain-host"] === undefined ? undefined : readSubdomainHost(values["subdomain-host"]),
    oneUser: values["one-user"],
  };
}

let options;
let layout;
let settings;
// the port whose firewall table bounds the students' connections, removed when the hub stops
let boundedPort = null;
try {
  if (!fs.existsSync(venvBin("jupyterhub"))) {
    throw new Error(`${venvBin("jupyterhub")} is missing: run \`npm run hub\`, which sets up the environment first (requirements.txt lists jupyterhub)`);
  }
  options = readOptions();
  layout = hubLayout(options.dir, options.instructor);
  // before anything is made for them: a refused start leaves no folder in a user's home
  checkEachNamedOnce(options.instructor, [...options.students, ...options.graders]);
  checkNoCourseInStudentHomes(layout, [...options.students, ...options.graders]);
  checkCourseStaysWithInstructor(layout, options.instructor);
  holdHubFolder(layout);
  const accounts = isolationMode(options) === "system-users" ? hubAccounts(layout.root) : undefined;
  for (const line of carryOver(layout, options.renames, { accounts })) console.log(`hub: ${line}`);
  const movedPackages = movePackagesFolderOfHomes(layout);
  if (movedPackages) {
    console.warn(
      `hub: NOTE: ${path.join(layout.homesDir, "node_modules")} was a folder (an npm install in a home took the homes' folder for its project), ` +
        `not the link to the course's packages through which every home's notebooks import neural-mi: moved to ${movedPackages}, and the link made again`,
    );
  }
  const added = prepareHubFolders(layout, [options.instructor, ...options.students, ...options.graders]);
  rememberInstructor(layout, options.instructor);
  if (added.length > 0) console.log(`hub: course directory ${layout.courseDir}: added ${added.join(", ")}`);
  for (const assignment of checkoutChaptersChanged(layout)) {
    console.warn(
      `hub: NOTE: notebooks/${assignment}.ipynb changed in the checkout since the course took it; the course keeps its own, ${path.join(layout.courseDir, "source", assignment)}/ (changes of yours stay). ` +
        `To take the new one: copy it there (compare first), then in course/: nbgrader generate_assignment ${assignment} --force && nbgrader release_assignment ${assignment} --force, ` +
        `and nbgrader autograde ${assignment} --force to grade the collected submissions again. Said once.`,
    );
  }
  const before = rememberedNames(layout.usersFile);
  const addedBefore = addedSinceStart(layout.usersFile);
  let users = courseUsers({ file: layout.usersFile, instructor: options.instructor, students: options.students, graders: options.graders });
  const changes = listChanges(before, users.map((u) => u.name));
  // students added on the hub since its last start (npm run hub:add): this start's list decides
  const addedOff = addedBefore.filter(({ name }) => !options.students.includes(name)).map(({ name, added }) => `${name} (added ${added.slice(0, 16).replace("T", " ")} UTC)`);
  const addedKept = addedBefore.filter(({ name }) => options.students.includes(name)).map(({ name }) => name);
  if (addedKept.length > 0) console.log(`hub: added with npm run hub:add since the last start, and on this start's list: ${addedKept.join(", ")}`);
  if (addedOff.length > 0) {
    console.warn(
      `hub: WARNING: added with npm run hub:add since the last start, but not on this start's list, so taken off it (they cannot log in; their files, submissions, grades and passwords stay): ${addedOff.join(", ")}. ` +
        "To keep them on the class: stop the hub (Ctrl-C), add them to the list (--students or --students-file) and start again, or add them again with npm run hub:add",
    );
  }
  // a renamed student's old name is said with her carried-over home above, an added one's just above
  const gone = changes.gone.filter((name) => !options.renames.some((rename) => rename.from === name) && !addedBefore.some((added) => added.name === name));
  const alike = changes.alike.filter(([old, name]) => !options.renames.some((rename) => rename.from === old && rename.to === name));
  if (gone.length > 0) {
    console.log(`hub: no longer on the list, so they cannot log in (their files, submissions and grades stay; put them back on the list to let them in with the same password): ${gone.join(", ")}`);
  }
  if (alike.length > 0) {
    console.warn(
      `hub: WARNING: new on the list, each a typo away from a name taken off it: ${alike.map(([old, name]) => `${name} (${old} was listed)`).join(", ")}. ` +
        "A new name is a new user, with a new password and an empty home: if it is a typo, stop the hub (Ctrl-C), correct the list and start again " +
        `(the student's home, submissions, grades and password wait for her under her name); if she was renamed, stop the hub and start it again with --renamed ${alike[0][0]}=${alike[0][1]}, which carries her home, password, submissions and grades over`,
    );
  }
  writePasswordsFile(layout.passwordsFile, users);
  const enrolled = addClassToGradebook(layout.courseDir, options.students);
  if (enrolled > 0) console.log(`hub: added ${enrolled} student(s) to nbgrader's gradebook (${path.join(layout.courseDir, "gradebook.db")})`);
  if (isolationMode(options) === "system-users") {
    checkServersCanRun(layout.root);
    let closed;
    let warnings;
    ({ users, closed, warnings } = isolateUsers(layout, users));
    for (const warning of warnings) console.warn(`hub: WARNING: ${warning}`);
    console.log(`hub: each user's JupyterLab runs as a system user of their own (${users.map((u) => u.system.name).join(", ")}), in a home only they can open`);
    console.log(`hub: readable by their owner only from now on, in ${fromRoot()}: ${closed.map((p) => `${p}/`).join(", ")}`);
    const quotas = applyDiskQuotas(layout.root, users.filter((user) => user.role !== "instructor").map((user) => user.system.name), options.diskQuotaMb);
    if (quotas.applied) console.log(`hub: ${quotas.message}`);
    else console.warn(`hub: WARNING: ${quotas.warning}`);
    const view = processListView();
    if (view.private) console.log("hub: each user's server lists its own account's processes only (a /proc of its own, hidepid=invisible)");
    else {
      console.warn(
        `hub: WARNING: each user's server lists every account's processes and their command lines: a /proc of its own could not be made (${view.why}); ` +
          "mount /proc with hidepid=invisible on this machine to hide them",
      );
    }
    const instructor = users.find((user) => user.role === "instructor");
    const network = gradingNetworkView(instructor.system);
    if (network.own) console.log("hub: the kernels that grade or open students' work run in a network of their own");
    else {
      console.warn(
        `hub: WARNING: the kernels that grade students' work as ${instructor.system.name} keep the machine's network (${network.why}): ` +
          "a student's code graded by nbgrader can send what the hidden tests give it to a listener of hers; allow unprivileged user namespaces to close it",
      );
    }
  } else {
    console.warn(
      `hub: WARNING: ${options.oneUser ? "--one-user" : "not run as root"}, so every user's JupyterLab runs as this system user: a student's notebook or terminal ` +
        "can read the course's source with its answers and hidden tests, the gradebook and the other students' work. " +
        "Try the course with it, but run a class's hub as root, which gives each user an account of their own (README: The course on JupyterHub).",
    );
  }
  const ports = {
    public: await freePort({ preferred: options.port, host: options.ip }),
    hub: await freePort(),
    proxyApi: await freePort(),
  };
  // the same port on the IPv6 address, which any account could otherwise listen on (scripts/hub/ipv6-twin.mjs)
  await holdIpv6Twin(options.ip, ports.public);
  if (options.subdomainHost && options.port !== 0 && ports.public !== options.port) {
    console.warn(`hub: WARNING: port ${options.port} is taken, so the hub listens on ${ports.public}: --subdomain-host ${options.subdomainHost} must lead there`);
  }
  if (isolationMode(options) === "system-users") {
    const students = users.filter((user) => user.role !== "instructor").map((user) => user.system.uid);
    const bounded = applyConnectionLimits(ports.public, students, options.maxConnections);
    if (bounded.applied) {
      console.log(`hub: ${bounded.message}`);
      boundedPort = ports.public;
    } else console.warn(`hub: WARNING: ${bounded.warning}`);
  }
  settings = writeHubSettings({ layout, users, ip: options.ip, ports, cullIdleMinutes: options.cullIdleMinutes, maxServerMinutes: options.maxServerMinutes, maxServers: options.maxServers, maxProcesses: options.maxProcesses, memoryMb: options.memoryMb, diskQuotaMb: options.diskQuotaMb, maxConnections: boundedPort === null ? 0 : options.maxConnections, subdomainHost: options.subdomainHost });
  startWritten(layout);
} catch (error) {
  if (error.code === "ENOSPC" && layout) {
    // a student can fill it: homes, the exchange and the course share it, with no quotas. With its
    // bytes, or with its files (inodes: a few million empty files, a few hundred MB), where `du -h`
    // showed no one holding much
    let inodes = false;
    try {
      const disk = fs.statfsSync(layout.root);
      inodes = disk.files > 0 && disk.ffree === 0 && disk.bavail > 0;
    } catch {}
    const du = inodes ? "du -xs --inodes" : "du -xsh";
    console.error(
      `hub: the disk holding the hub's folder (${layout.root}) is full (${error.message}${inodes ? "; its room for files (inodes) is used up, not its bytes" : ""}): ` +
        `the hub cannot start. The users' homes, the exchange and the course share it, ` +
        `and nothing bounds what each user puts there: \`${du} ${layout.homesDir}/* ${layout.exchangeDir}\` shows who took the room${inodes ? " (the count of files each holds)" : ""}; make room, then start again`,
    );
    process.exit(2);
  }
  console.error(`hub: ${error.message}\n${usage}`);
  process.exit(2);
}

const hub = spawn(venvBin("jupyterhub"), ["--config", fromRoot("hub", "jupyterhub_config.py")], {
  cwd: layout.stateDir,
  env: { ...jupyterEnv(), NEURAL_MI_HUB_SETTINGS: layout.settingsFile },
  stdio: ["ignore", "inherit", "pipe"],
});

function usersLines() {
  const passwords = `${layout.passwordsFile} (user,role,password; readable by its owner only)`;
  if (settings.users.length > LISTED_USERS) {
    const students = settings.users.filter((u) => u.role === "student").length;
    const graders = settings.users.filter((u) => u.role === "grader").map((u) => u.name);
    return [
      `Users: ${options.instructor} (instructor: formgrader, the users' servers)${graders.length > 0 ? `, ${graders.join(", ")} (graders: ${gradingAddress()})` : ""} and ${students} students; their passwords, to hand out, are in`,
      `  ${passwords}`,
    ];
  }
  const width = Math.max(...settings.users.map((u) => u.name.length));
  return [
    "Users (user name, role, password):",
    ...settings.users.map((u) => `  ${u.name.padEnd(width)}  ${ROLE_SHOWN[u.role]()}  password: ${u.password}`),
    `The same in ${passwords}`,
  ];
}

/** Where a grader grades: the instructor's formgrader, which the hub lets graders open (hub/jupyterhub_config.py). */
const gradingAddress = () => `log in, then open /user/${options.instructor}/formgrader, the instructor's JupyterLab`;
const ROLE_SHOWN = {
  instructor: () => "instructor (formgrader, the users' servers)",
  grader: () => `grader (${gradingAddress()})`,
  student: () => "student   ",
};

function limitsLine() {
  const culling = options.cullIdleMinutes > 0 ? `a server idle for ${options.cullIdleMinutes} min is stopped (--cull-idle)` : "idle servers run on (--cull-idle 0)";
  const cap = options.maxServers > 0 ? `at most ${options.maxServers} servers run at once (--max-servers)` : "no limit on servers running at once (--max-servers)";
  const age = options.maxServerMinutes > 0 ? `a server is stopped ${options.maxServerMinutes} min after it started, even in use (--max-server-minutes)` : "servers in use run on (--max-server-minutes 0)";
  return `Resources: ${culling}; ${age}; ${cap}. A stopped server's files stay.`;
}

/** Where the users' servers are, and what a shared origin means. */
function originLine() {
  if (!options.subdomainHost) {
    return "Origins: every user's server shares the hub's address, where a page one user's server serves runs as whoever opens it: open no link into another user's server (--subdomain-host gives each its own).";
  }
  const hub = new URL(options.subdomainHost);
  return `Origins: each user's server is at ${hub.protocol}//<user>.${hub.host}/, an origin of its own (the names *.${hub.hostname} must lead to this machine; browsers take *.localhost as this machine).`;
}

function banner(url) {
  const lines = [
    "",
    `The course hub is running at ${options.subdomainHost ? `${options.subdomainHost}/ (${url})` : url}`,
    ...usersLines(),
    limitsLine(),
    originLine(),
    `Where everything lives, under ${layout.root}:`,
    `  homes/<user>/        each user's home, the folder their JupyterLab opens`,
    `  ${path.relative(layout.root, layout.courseDir)}/    the nbgrader course directory: source/<assignment>/, one per chapter`,
    `                       (${chapters()[0].assignment}, ...), release/, submitted/, gradebook.db, feedback/`,
    `  exchange/            nbgrader's exchange (released assignments, submissions, feedback)`,
    `  users.json           the passwords, of everyone who was ever on the list`,
    `  passwords.csv        the passwords of the users on the list, to hand out`,
    `  jupyterhub/          JupyterHub's database, settings and cookie secret`,
    "The instructor releases a chapter from a Terminal in their JupyterLab:",
    `  cd course && nbgrader generate_assignment ${chapters()[0].assignment} && nbgrader release_assignment ${chapters()[0].assignment}`,
    "Students fetch and submit it in Nbgrader > Assignment List. Ctrl-C stops the hub and every user's server.",
    "",
  ];
  console.log(lines.join("\n"));
}

// JupyterHub logs on stderr; its line "JupyterHub is now running at <url>" says it is ready.
const announced = announceWhenReady(hub, /JupyterHub is now running at (\S+)/, (ready) => banner(ready[1]));
// Ctrl-C stops the users' servers and the proxy before JupyterHub exits, and so do we when it has.
stopWithParent(hub, { forwardInterrupt: true });
hub.on("exit", (code, signal) => {
  if (boundedPort !== null) removeConnectionLimits(boundedPort);
  if (!announced()) console.error(`hub: JupyterHub stopped before it was ready (${code ?? signal}); its log is above`);
  process.exit(code ?? (signal ? 1 : 0));
});

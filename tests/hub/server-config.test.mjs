// What a user's own files may make of their server. The hub's users share one origin (no
// subdomains): a page that a student's server serves there runs with the rights of whoever opens
// it, and can mint that visitor's token through the hub's API, which opens the visitor's own server
// (the instructor's: the course's source with its solutions and hidden tests, and the gradebook; a
// classmate's: their home). A Jupyter server reads configuration from ~/.jupyter, which is the
// user's to write: a `jupyter_server_config.py` there ran as the student's server started, and
// made it serve her page from a folder of hers, with no login and no sandbox; and JupyterLab
// served any file of ~/.local/share/jupyter/labextensions, an HTML page too, with no login. The
// servers read their configuration from the role's folder only and extensions from the Python
// environment only; JupyterLab's settings and workspaces still go to the user's home. Nor does her server
// read her home's files as code when she uses it: nbgrader's Assignment List ran an nbgrader_config.py of her
// home at each listing, and nbconvert's export took templates from her home and her data folder (hub/student_server.py). And the
// server, which her account runs, cannot be traced by it (a debugger from her terminal could run
// any code in it, the same page among it).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fromRoot, venvDir } from "../../scripts/lib/paths.mjs";
import { installDebianPackage } from "../../scripts/lib/debian-package.mjs";
import { DEFAULT_CONNECTIONS } from "../../scripts/hub/connection-limits.mjs";
import { startHub, whyUsersNotIsolated, stopHubAfterTests } from "../helpers/hub.mjs";
import { hubAnswers, hubBrowser } from "../helpers/hub-browser.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cannotIsolate = whyUsersNotIsolated();

let hub;
stopHubAfterTests(() => hub);

// the student's configuration: it notes that it ran, and serves her folder `planted/` as static files
const PLANTED_CONFIG = [
  "import os",
  "here = os.path.expanduser('~')",
  "open(os.path.join(here, 'configuration-ran'), 'w').write('yes')",
  "c.ServerApp.extra_static_paths = [os.path.join(here, 'planted')]",
  "",
].join("\n");
const PLANTED_PAGE = "<html><body><script>/* the student's page on the hub's origin */</script>planted-page-4471</body></html>\n";
// code of hers for her server's process, once it runs there: it notes what ran it and serves her page at
// /user/alice/planted-route to anyone, with no login (a route put before the server's own)
const PLANTED_SERVER_CODE = [
  "import gc, os, sys",
  "import tornado.web",
  "from tornado.routing import PathMatches, Rule",
  "here = os.path.expanduser('~')",
  "open(os.path.join(here, 'server-code-ran'), 'a').write(str(RAN_BY) + '\\n')",
  "class Planted(tornado.web.RequestHandler):",
  "    def get(self):",
  "        self.finish(open(os.path.join(here, 'planted', 'planted.html')).read())",
  "for app in [o for o in gc.get_objects() if isinstance(o, tornado.web.Application)]:",
  "    app.default_router.rules.insert(0, Rule(PathMatches(r'.*/planted-route'), Planted))",
  "",
].join("\n");
/** The files of her home that run PLANTED_SERVER_CODE where her server reads them as code, each naming itself. */
const plantedServerHooks = (home) => [
  // nbgrader's Assignment List loads nbgrader_config.py from the server's folder, her home, at each listing
  ["nbgrader_config.py", `import runpy\nrunpy.run_path(${JSON.stringify(path.join(home, "planted-server.py"))}, init_globals={"RAN_BY": "nbgrader_config.py"})\n`],
  // nbconvert (File > Save and Export Notebook As, /nbconvert/) takes templates from the server's folder first
  ["lab/conf.json", JSON.stringify({ base_template: "base", mimetypes: { "text/html": true } })],
  ["lab/index.html.j2", `{{ lipsum.__globals__['__builtins__']['__import__']('runpy').run_path(${JSON.stringify(path.join(home, "planted-server.py"))}, init_globals={'RAN_BY': 'lab/index.html.j2'}) and '' }}\n`],
  // and merges the conf.json of every data folder's template, hers last: a preprocessor there is any callable by its name
  [
    ".local/share/jupyter/nbconvert/templates/lab/conf.json",
    JSON.stringify({ preprocessors: { "00-planted": { type: "runpy.run_path", path_name: path.join(home, "planted-server.py"), init_globals: { RAN_BY: "data folder's lab/conf.json" } } } }),
  ],
  ["planted-server.py", PLANTED_SERVER_CODE],
  ["planted.ipynb", JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 })],
];

test("a student's own Jupyter configuration does not run in her server, which serves no page of hers on the hub's origin", { timeout: 300_000 }, async (t) => {
  if (cannotIsolate.length > 0) t.diagnostic(`users not isolated (${cannotIsolate.join("; ")}): the hub runs with --one-user`);
  const roleFolder = () => fs.readdirSync(fromRoot("hub", "student")).sort();
  const roleFiles = roleFolder();
  // the bound on each student's connections is the machine's firewall's: nftables, from Debian's packages
  if (cannotIsolate.length === 0 && spawnSync("nft", ["--version"]).error) installDebianPackage("nftables", (line) => t.diagnostic(line));
  hub = await startHub({ students: ["alice"], options: cannotIsolate.length > 0 ? ["--one-user"] : [] });
  // the start says whether each student has a disk quota (the tools and user quotas there), or why not
  // (its warnings go to stderr, the hub's log)
  if (cannotIsolate.length === 0) assert.match(hub.console() + hub.log(), /hub: (each student's account may hold at most 2048 MB on|WARNING: no disk quota per student on) \S+ \(\w+, which holds /);
  // and bounds each student's connections to the machine (scripts/hub/connection-limits.mjs; tests/hub/connection-limits)
  if (cannotIsolate.length === 0) assert.match(hub.console(), new RegExp(`hub: each student's account may hold at most ${DEFAULT_CONNECTIONS} connections open to this machine \\(nftables`));
  await hubAnswers(() => hub.url);
  const home = hub.user("alice").home;
  // written as her terminal would: files of her own account in her home
  const account = hub.user("alice").system;
  for (const [relative, text] of [
    [".jupyter/jupyter_server_config.py", PLANTED_CONFIG],
    ["planted/planted.html", PLANTED_PAGE],
    // JupyterLab serves its extensions' files from every data folder, the user's among them
    [".local/share/jupyter/labextensions/planted.html", PLANTED_PAGE],
    // an IPython folder makes a Jupyter server copy its settings into its configuration folder once
    [".ipython/profile_default/static/custom/custom.js", "// an old IPython profile\n"],
    ...plantedServerHooks(home),
  ]) {
    const file = path.join(home, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    // every folder made on the way is hers too (her server makes ~/.local/share/jupyter/runtime)
    const parts = relative.split("/");
    if (account) for (let i = 1; i <= parts.length; i++) fs.chownSync(path.join(home, ...parts.slice(0, i)), account.uid, account.gid);
  }

  const alice = hubBrowser(() => hub.url);
  assert.equal(await alice.logIn("alice", hub.user("alice").password), true, alice.lastLogin);
  const token = await alice.mintToken("alice");
  const api = async (method, pathname) => {
    const response = await fetch(`${hub.url}${pathname}`, { method, headers: { authorization: `token ${token}` } });
    return { status: response.status, body: await response.text(), headers: response.headers };
  };
  const server = async () => JSON.parse((await api("GET", "/hub/api/users/alice")).body).servers?.[""];
  const started = await api("POST", "/hub/api/users/alice/server");
  assert.ok([201, 202].includes(started.status), `${started.status} ${started.body}`);
  for (let waited = 0; !(await server())?.ready; waited += 500) {
    assert.ok(waited < 120_000, `alice's server did not start:\n${hub.log().slice(-3000)}`);
    await sleep(500);
  }

  assert.equal(fs.existsSync(path.join(home, "configuration-ran")), false, "the configuration in alice's ~/.jupyter ran in her server");
  assert.deepEqual(roleFolder(), roleFiles, "alice's server wrote into the students' configuration folder");
  // anyone's browser, logged in or not, on the hub's origin
  for (const pathname of ["/user/alice/static/planted.html", "/user/alice/lab/extensions/planted.html"]) {
    const page = await fetch(`${hub.url}${pathname}`, { redirect: "manual" });
    const text = await page.text();
    assert.doesNotMatch(text, /planted-page-4471/, `alice's server served her page at ${pathname}, on the hub's origin (${page.status}, ${page.headers.get("content-security-policy")})`);
  }

  // what her server reads as code from her own folders once it runs: nbgrader's Assignment List its configuration, nbconvert
  // its templates; each ran her code in her server's process, which then served her page with no login, on the hub's origin
  const listed = await api("GET", "/user/alice/assignments?course_id=neural-mi");
  const exported = await api("GET", "/user/alice/nbconvert/html/planted.ipynb?download=false");
  const ran = path.join(home, "server-code-ran");
  assert.equal(fs.existsSync(ran) ? fs.readFileSync(ran, "utf8") : "", "", "files in alice's home ran as code in her server's process");
  const plantedRoute = await fetch(`${hub.url}/user/alice/planted-route`, { redirect: "manual" });
  assert.doesNotMatch(await plantedRoute.text(), /planted-page-4471/, "alice's server served her page with no login, on the hub's origin");
  // and both still answer her, from the course's settings and nbconvert's own templates
  assert.equal(listed.status, 200, listed.body.slice(0, 300));
  assert.equal(JSON.parse(listed.body).success, true, listed.body.slice(0, 300));
  assert.equal(exported.status, 200, exported.body.slice(0, 300));
  assert.match(exported.body, /<html/);

  // the course's extensions still come to her JupyterLab (nbgrader's Assignment List and Validate, plotly's figures)
  const lab = await api("GET", "/user/alice/lab");
  assert.equal(lab.status, 200, lab.body.slice(0, 300));
  for (const extension of ["@jupyter/nbgrader", "jupyterlab-plotly"]) assert.ok(lab.body.includes(`"name": "${extension}"`) || lab.body.includes(`"name":"${extension}"`), `${extension} is among her JupyterLab's extensions`);

  // what JupyterLab keeps of hers still goes to her home: a setting saved through its API
  const setting = await fetch(`${hub.url}/user/alice/lab/api/settings/@jupyterlab/apputils-extension:themes`, {
    method: "PUT",
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ raw: '{ "theme": "JupyterLab Dark" }' }),
  });
  assert.equal(setting.status, 204, await setting.text());
  assert.match(fs.readFileSync(path.join(home, ".jupyter", "lab", "user-settings", "@jupyterlab", "apputils-extension", "themes.jupyterlab-settings"), "utf8"), /JupyterLab Dark/);

  // What her token may keep in the hub's database, root's and outside her disk quota (hub/bounded_hub_api.py):
  // a note of megabytes, and tokens without number, filled the disk the homes share, past the quota.
  const makeToken = (note) =>
    fetch(`${hub.url}/hub/api/users/alice/tokens`, { method: "POST", headers: { authorization: `token ${token}`, "content-type": "application/json" }, body: JSON.stringify({ note }) });
  const hugeNote = await makeToken("x".repeat(1024 * 1024));
  assert.equal(hugeNote.status, 413, "a token's note of 1 MB was kept in the hub's database");
  assert.match(await hugeNote.text(), /at most 64 KB; this one has \d+ bytes/);
  const heldTokens = async () => JSON.parse((await api("GET", "/hub/api/users/alice/tokens")).body).api_tokens.filter((kept) => !kept.oauth_client || kept.oauth_client === "JupyterHub");
  let made = (await heldTokens()).length;
  let refused;
  while (!refused && made <= 41) {
    const answer = await makeToken(`script ${made}`);
    if (answer.status === 201) made += 1;
    else refused = { status: answer.status, text: await answer.text() };
  }
  assert.ok(refused, `alice made ${made} tokens, without a bound`);
  assert.equal(refused.status, 403, refused.text);
  assert.match(refused.text, /alice holds 40 tokens, the most this hub keeps for one user: delete those no longer used on the hub's token page \(\/hub\/token\)/);
  assert.equal((await heldTokens()).length, 40, "the refused token is not kept");
  assert.equal((await api("GET", "/hub/api/user")).status, 200, "her tokens made before still open the API");

  // A browser's visit to her server without its cookie makes an OAuth code and a token in the hub's database,
  // which expire in 5 minutes and two weeks: a script dropping the cookie kept them without number. She keeps
  // her newest 40 of each (hub/bounded_hub_api.py).
  const oauthRows = () => {
    const count = spawnSync(
      path.join(venvDir, "bin", "python"),
      ["-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); print(*db.execute(\"select (select count(*) from api_tokens t join users u on t.user_id = u.id where u.name = 'alice' and t.client_id = 'jupyterhub-user-alice'), (select count(*) from oauth_codes c join users u on c.user_id = u.id where u.name = 'alice')\").fetchone())", path.join(hub.settings.stateDir, "jupyterhub.sqlite")],
      { encoding: "utf8" },
    );
    assert.equal(count.status, 0, count.stderr);
    return count.stdout.trim().split(" ").map(Number);
  };
  for (let visit = 0; visit < 45; visit++) {
    alice.forgetCookies(/^jupyterhub-user-alice/);
    let response = await alice.get("/user/alice/tree");
    for (let hops = 0; response.status === 302 && hops < 5 && !/\/(tree|lab)(\?|$)/.test(new URL(response.location, hub.url).pathname); hops++) {
      response = await alice.get(response.location);
      if (visit === 44 && hops === 0) assert.match(new URL(response.location, hub.url).pathname, /\/user\/alice\/oauth_callback/, "the hub gave her server a code");
    }
  }
  // codes asked for and never exchanged, as a script may
  const authorize = `/hub/api/oauth2/authorize?client_id=jupyterhub-user-alice&response_type=code&state=s&redirect_uri=${encodeURIComponent("/user/alice/oauth_callback")}`;
  for (let ask = 0; ask < 45; ask++) {
    const answer = await alice.get(authorize);
    assert.match(answer.location, /\/user\/alice\/oauth_callback\?code=/, `${answer.status} ${answer.text.slice(0, 200)}`);
  }
  const [tokensKept, codesKept] = oauthRows();
  assert.equal(tokensKept, 40, `alice's server's OAuth tokens kept after 45 visits`);
  assert.equal(codesKept, 40, "alice's OAuth codes kept after 45 asked for");
});

test("a process that loaded the students' server configuration cannot be traced by its own account", { timeout: 60_000 }, async () => {
  // the configuration as a server loads it (traitlets, jupyter_core), in a folder the account can
  // read, run by an account of no privilege: as root, nobody, which may not enter the checkout
  const place = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-server-config-"));
  try {
    for (const relative of ["student/jupyter_server_config.py", "user_server.py", "student_server.py"]) {
      fs.mkdirSync(path.join(place, "hub", path.dirname(relative)), { recursive: true });
      fs.copyFileSync(fromRoot("hub", relative), path.join(place, "hub", relative));
    }
    // the module the students' configuration imports, where user_server.py puts it on the path
    fs.mkdirSync(path.join(place, "autograder", "src", "nbgrader"), { recursive: true });
    fs.copyFileSync(fromRoot("autograder", "src", "nbgrader", "validate_course_config.py"), path.join(place, "autograder", "src", "nbgrader", "validate_course_config.py"));
    fs.writeFileSync(
      path.join(place, "server.py"),
      [
        "import os, sys, time",
        "from traitlets.config.loader import PyFileConfigLoader",
        "PyFileConfigLoader('jupyter_server_config.py', path=sys.argv[1]).load_config()",
        "print(os.getpid(), flush=True)",
        "time.sleep(60)",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(place, "trace.py"),
      [
        "import ctypes, os, sys",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "pid = int(sys.argv[1])",
        "if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH",
        "    os.waitpid(pid, 0)",
        "    libc.ptrace(17, pid, None, None)  # PTRACE_DETACH",
        "    print('traced')",
        "else:",
        "    print('refused', os.strerror(ctypes.get_errno()))",
        "",
      ].join("\n"),
    );
    fs.chmodSync(place, 0o755);
    const sitePackages = fs.readdirSync(path.join(venvDir, "lib")).map((version) => path.join(fs.realpathSync(venvDir), "lib", version, "site-packages"));
    const account = process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};
    // a Python other accounts may run (the environment's own may lie in root's home)
    const env = { PATH: "/usr/bin:/bin", HOME: place, PYTHONPATH: sitePackages.join(path.delimiter) };
    const server = spawn("python3", [path.join(place, "server.py"), path.join(place, "hub", "student")], { cwd: place, env, ...account, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let printed = "";
      let errors = "";
      server.stderr.on("data", (chunk) => (errors += chunk));
      const pid = await new Promise((resolve, reject) => {
        server.stdout.on("data", (chunk) => {
          printed += chunk;
          if (printed.includes("\n")) resolve(Number(printed.trim()));
        });
        server.on("exit", (code) => reject(new Error(`the configuration did not load (${code}): ${errors}`)));
      });
      const tracer = spawnSync("python3", [path.join(place, "trace.py"), String(pid)], { cwd: place, env, ...account, encoding: "utf8" });
      assert.equal(tracer.status, 0, tracer.stderr);
      assert.match(tracer.stdout, /^refused/, "the account traced a process that runs the students' server configuration");
    } finally {
      server.kill("SIGKILL");
    }
  } finally {
    fs.rmSync(place, { recursive: true, force: true });
  }
});

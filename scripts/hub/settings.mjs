// What hub/jupyterhub_config.py reads: every choice that depends on this machine and this
// run (ports, folders, users and the environment of each user's JupyterLab).
import fs from "node:fs";
import path from "node:path";
import { fromRoot, venvBin, venvDir } from "../lib/paths.mjs";
import { systemUserName } from "./isolation.mjs";
import { COURSE_ID } from "./layout.mjs";
import { writePrivateFile } from "./users.mjs";

/** The environment of a user's JupyterLab (and of commands run in its terminal). */
export function userEnvironment(user, layout) {
  return {
    PATH: [path.dirname(venvBin("python")), path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    VIRTUAL_ENV: venvDir,
    PYTHONNOUSERSITE: "1",
    // Kernels and JupyterLab extensions come from the project's environment, before any other.
    JUPYTER_PREFER_ENV_PATH: "1",
    // The role's Jupyter configuration (hub/instructor or hub/student) comes first, and is the
    // configuration folder too: the default, ~/.jupyter, is the user's to write, and a server reads
    // and runs what it finds there at its start (a student's jupyter_server_config.py made her server
    // serve pages of hers, with no login, on the hub's origin, where a visitor's browser mints that
    // visitor's token). JupyterLab's settings and workspaces stay in the home, where they were.
    // a grader's own JupyterLab is a student's: graders grade in the instructor's
    JUPYTER_CONFIG_PATH: fromRoot("hub", user.role === "instructor" ? "instructor" : "student"),
    JUPYTER_CONFIG_DIR: fromRoot("hub", user.role === "instructor" ? "instructor" : "student"),
    JUPYTERLAB_SETTINGS_DIR: path.join(layout.home(user.name), ".jupyter", "lab", "user-settings"),
    JUPYTERLAB_WORKSPACES_DIR: path.join(layout.home(user.name), ".jupyter", "lab", "workspaces"),
    NEURAL_MI_HUB_COURSE_ID: COURSE_ID,
    NEURAL_MI_HUB_EXCHANGE: layout.exchangeDir,
    ...(user.role === "instructor" ? { NEURAL_MI_HUB_COURSE_DIR: layout.courseDir } : {}),
    // each student's system account is this prefix and their name: collect takes only what a student's own account made (hub/course_exchange.py)
    ...(user.role === "instructor" && user.system ? { NEURAL_MI_HUB_SYSTEM_USERS: systemUserName("") } : {}),
  };
}

/** A user as the settings have her: her home, and the environment of her JupyterLab. */
const settingsUser = (user, layout) => ({ ...user, home: layout.home(user.name), environment: userEnvironment(user, layout) });

/** The settings of the hub's last start, or undefined for a hub folder that has none. */
export function readHubSettings(layout) {
  if (!fs.existsSync(layout.settingsFile)) return undefined;
  return JSON.parse(fs.readFileSync(layout.settingsFile, "utf8"));
}

/** `users` added to the settings (npm run hub:add): the running hub starts their servers from there (hub/jupyterhub_config.py). */
export function addToHubSettings(layout, users) {
  const settings = readHubSettings(layout);
  const names = new Set(users.map((user) => user.name));
  settings.users = [...settings.users.filter((user) => !names.has(user.name)), ...users.map((user) => settingsUser(user, layout))];
  writePrivateFile(layout.settingsFile, JSON.stringify(settings, null, 2) + "\n");
  return settings;
}

export function writeHubSettings({ layout, users, ip, ports, cullIdleMinutes = 0, maxServerMinutes = 0, maxServers = 0, maxProcesses = 512, memoryMb = 4096, diskQuotaMb = 0, maxConnections = 0, subdomainHost }) {
  const settings = {
    ip,
    port: ports.public,
    hubPort: ports.hub,
    proxyApiPort: ports.proxyApi,
    homesDir: layout.homesDir,
    // the passwords, read again by the running hub when one is changed (npm run hub:password)
    usersFile: layout.usersFile,
    stateDir: layout.stateDir,
    singleuserCommand: venvBin("jupyterhub-singleuser"),
    proxyCommand: fromRoot("node_modules", ".bin", "configurable-http-proxy"),
    allowRoot: process.getuid?.() === 0,
    cullIdleMinutes,
    maxServerMinutes,
    maxServers,
    // per user with an account of their own (RLIMIT_NPROC), and per process (RLIMIT_DATA); 0: no limit
    maxProcesses,
    memoryMb,
    // each student's disk quota where the start could set one (npm run hub:add gives a student added later the same)
    diskQuotaMb,
    // the TCP connections each student's account may hold open to this machine, where the start's firewall table bounds them (0: none)
    maxConnections,
    // the hub's own address, each user's server on a name under it (JupyterHub's subdomain_host); null: one origin for all
    subdomainHost: subdomainHost ?? null,
    // `system` ({ name, uid, gid }): the system user a hub user's server runs as, when the hub isolates users
    users: users.map((user) => settingsUser(user, layout)),
  };
  // whole or not at all: npm run hub:add reads them
  writePrivateFile(layout.settingsFile, JSON.stringify(settings, null, 2) + "\n");
  return settings;
}

// A user taken off the hub's list: their cookie outlived the list, their home page still opened,
// and a start failed only by accident (a KeyError), where the spawner would otherwise have fallen
// back to the hub's own user, root. Now the authenticator logs them out at their next request, the
// hub removes them from its database at its start, and no server starts for them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fromRoot, venvPython } from "../../scripts/lib/paths.mjs";

const CHECK = `
import asyncio, json, os, sys, types
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseAuthenticator, CourseSpawner
authenticator = CourseAuthenticator(passwords={"ana": "secret"})
user = lambda name: types.SimpleNamespace(name=name, url="/user/x/", id=1, server=None, orm_user=None)
kept, removed = (asyncio.run(authenticator.refresh_user(user(name))) for name in ["ana", "ben"])
spawner = CourseSpawner(user=user("ben"), system_users={"ana": "nmi-ana"})
try:
    spawner.make_preexec_fn("ben")
    started = "started" if os.getuid() == 0 else "not root"
except RuntimeError as error:
    started = str(error)

# a student added since the start (npm run hub:add writes her into the settings): her server gets her environment
# and her account from the settings as they are now; a name in neither is still refused
import builtins, tempfile, traitlets.config
settings_file = os.path.join(tempfile.mkdtemp(), "settings.json")
student = lambda name: {"name": name, "role": "student", "password": "p", "environment": {"WHO": name}, "system": {"name": "nmi-" + name}}
def write_settings(users):
    with open(settings_file, "w") as out:
        json.dump({"users": users, "usersFile": "", "stateDir": os.path.dirname(settings_file), "homesDir": "/nonexistent", "singleuserCommand": "x", "allowRoot": False,
                   "ip": "127.0.0.1", "port": 1, "hubPort": 2, "proxyApiPort": 3, "proxyCommand": "x", "cullIdleMinutes": 0, "maxServers": 0}, out)
write_settings([student("ana")])
os.environ["NEURAL_MI_HUB_SETTINGS"] = settings_file
builtins.get_config = traitlets.config.Config
config_file = ${JSON.stringify(fromRoot("hub", "jupyterhub_config.py"))}
config = {"__file__": config_file}
exec(compile(open(config_file).read(), config_file, "exec"), config)
write_settings([student("ana"), student("dana")])
added = types.SimpleNamespace(user=types.SimpleNamespace(name="dana"), environment={}, system_users={"ana": "nmi-ana"})
config["user_environment"](added)
try:
    config["user_environment"](types.SimpleNamespace(user=types.SimpleNamespace(name="zoe"), environment={}, system_users={}))
    unknown = "started"
except RuntimeError as error:
    unknown = str(error)
print(json.dumps({"kept": kept, "removed": removed, "started": started, "root": os.getuid() == 0,
                  "added": {"environment": added.environment, "accounts": added.system_users}, "unknown": unknown}))
`;

test("a user no longer on the hub's list is logged out, and as root no server starts for them; a student added since the start (npm run hub:add) gets hers", () => {
  const run = spawnSync(venvPython, ["-c", CHECK], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { kept, removed, started, root, added, unknown } = JSON.parse(run.stdout);
  assert.deepEqual([kept, removed], [true, false]);
  if (root) assert.match(started, /ben has no system account on this hub: not started as root/);
  assert.deepEqual(added, { environment: { WHO: "dana" }, accounts: { ana: "nmi-ana", dana: "nmi-dana" } }, "her environment and account, from the settings as they are now");
  assert.match(unknown, /zoe is not among the hub's users: no server is started/);
  const config = spawnSync("grep", ["-c", "delete_invalid_users = True", fromRoot("hub", "jupyterhub_config.py")], { encoding: "utf8" });
  assert.equal(config.stdout.trim(), "1", "the hub removes users off the list from its database at its start");
});

test("a user logs in with their name as typed: a capital letter or a space around it is the same user, a wrong password is not", () => {
  const script = `
import asyncio, json, sys
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
from course_hub import CourseAuthenticator
authenticator = CourseAuthenticator(passwords={"alice": "secret"})
tries = [("Alice", "secret"), (" alice ", "secret"), ("alice", "secret"), ("ALICE", "wrong"), ("bob", "secret")]
print(json.dumps([asyncio.run(authenticator.authenticate(None, {"username": name, "password": password})) for name, password in tries]))`;
  const run = spawnSync(venvPython, ["-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ["alice", "alice", "alice", null, null]);
});

"""JupyterHub for the course on one machine (`npm run hub`, scripts/hub.mjs).

scripts/hub.mjs writes every choice that depends on the machine (ports, folders, users,
their passwords and environments) into a settings file and names it in
NEURAL_MI_HUB_SETTINGS; this file turns those settings into JupyterHub's.
"""
import json
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

with open(os.environ["NEURAL_MI_HUB_SETTINGS"], encoding="utf-8") as settings_file:
    settings = json.load(settings_file)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from course_hub import CourseAuthenticator, CourseSpawner  # noqa: E402
from course_proxy import CourseProxy  # noqa: E402
from bounded_hub_api import bound_hub_api  # noqa: E402

users = settings["users"]

# Who may log in, with which password. The instructor sees every user on the hub's admin page and
# starts and stops their servers, but is not the hub's admin: an admin may open any user's server,
# and a student controls what their own server serves, on the hub's origin (no subdomains), so the
# instructor's visit to a student's link let the student's page mint a token with the admin's scopes
# (every server, the course's source, the gradebook).
c.JupyterHub.authenticator_class = CourseAuthenticator
c.CourseAuthenticator.passwords = {user["name"]: user["password"] for user in users}
c.CourseAuthenticator.passwords_file = settings.get("usersFile", "")
c.CourseAuthenticator.logins_file = os.path.join(settings["stateDir"], "logins.json")
# what one user may keep in the hub's database through its API (a token's note of megabytes, tokens
# without number: the database is outside the students' disk quotas)
bound_hub_api()
c.Authenticator.allowed_users = {user["name"] for user in users}
c.Authenticator.admin_users = set()
INSTRUCTOR_SCOPES = ["admin-ui", "list:users", "read:users", "servers", "read:servers"]
instructor_role = {
    "name": "course-instructor",
    "description": "The course's instructor: sees the users and starts and stops their servers, without opening them",
    "scopes": INSTRUCTOR_SCOPES,
    "users": [user["name"] for user in users if user["role"] == "instructor"],
}
instructor_name = next((user["name"] for user in users if user["role"] == "instructor"), None)
# Teaching assistants (npm run hub -- --graders): they open the instructor's JupyterLab, where the formgrader
# runs, and start it when it is stopped; there they act as the instructor's account (its terminal too).
grader_roles = [
    {
        "name": "course-grader",
        "description": "A teaching assistant: opens the instructor's JupyterLab (the formgrader) to grade",
        "scopes": [f"access:servers!user={instructor_name}", f"servers!user={instructor_name}", f"read:users:name!user={instructor_name}"],
        "users": [user["name"] for user in users if user["role"] == "grader"],
    }
] if instructor_name is not None else []
# a user taken off the list is taken out of the hub's database at its start, and logged out at their
# next request (CourseAuthenticator.refresh_user): a removed student's cookie opened their home page
c.Authenticator.delete_invalid_users = True
c.Authenticator.refresh_pre_spawn = True
c.Authenticator.auth_refresh_age = 15

# Every user's JupyterLab runs in a home folder of its own under the hub's folder. Started as
# root, the hub runs it as the user's own system user (scripts/hub/isolation.mjs made them);
# otherwise as the hub's own system user, with no isolation between users (see README.md,
# "The course on JupyterHub").
c.JupyterHub.spawner_class = CourseSpawner
c.CourseSpawner.home_dir_template = os.path.join(settings["homesDir"], "{username}")
c.CourseSpawner.system_users = {user["name"]: user["system"]["name"] for user in users if user.get("system")}
c.CourseSpawner.instructors = [user["name"] for user in users if user["role"] == "instructor"]
c.CourseSpawner.process_limit = settings.get("maxProcesses", 512)
c.CourseSpawner.memory_limit_mb = settings.get("memoryMb", 4096)
c.Spawner.cmd = [settings["singleuserCommand"]]
# TypeScript is every user's default kernel; Jupyter servers refuse to run as root unless
# told (containers and CI run as root).
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=tslab"] + (
    ["--ServerApp.allow_root=True"] if settings["allowRoot"] else []
)
c.Spawner.default_url = "/lab"
# The first start of a JupyterLab with the TypeScript kernel's packages takes a while on a loaded machine.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Time for a user's server to shut its kernels down when it stops (see CourseSpawner).
c.Spawner.term_timeout = 20

environments = {user["name"]: user["environment"] for user in users}
# the system accounts of students added since the start, found by user_environment
added_accounts = {}


def added_user(name):
    """`name` as the settings file has it now: npm run hub:add writes there a student added since the start."""
    try:
        with open(os.environ["NEURAL_MI_HUB_SETTINGS"], encoding="utf-8") as current:
            return next((user for user in json.load(current)["users"] if user["name"] == name), None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def user_environment(spawner):
    """The user's role decides which Jupyter configuration (instructor or student) their JupyterLab reads.
    A student added since the start gets hers, and her system account, from the settings as they are now."""
    name = spawner.user.name
    if name not in environments:
        added = added_user(name)
        if added is None:
            raise RuntimeError(f"{name} is not among the hub's users: no server is started")
        environments[name] = added["environment"]
        if added.get("system"):
            added_accounts[name] = added["system"]["name"]
    if name in added_accounts:
        spawner.system_users = {**spawner.system_users, name: added_accounts[name]}
    spawner.environment.update(environments[name])


c.Spawner.pre_spawn_hook = user_environment

# Ports: the proxy's public one, the hub's own and the proxy's API, all chosen by scripts/hub.mjs.
c.JupyterHub.bind_url = f"http://{settings['ip']}:{settings['port']}"
# Each user's server on an origin of its own (<user>.<host>): on the hub's one origin, a page a
# student's server serves runs with the rights of whoever opens it.
if settings.get("subdomainHost"):
    c.JupyterHub.subdomain_host = settings["subdomainHost"]
# The proxy's pid file, left by a hub that was killed, stops that proxy only, not the process that
# has its id since (hub/course_proxy.py).
c.JupyterHub.proxy_class = CourseProxy
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings['hubPort']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxyApiPort']}"
c.ConfigurableHTTPProxy.command = [settings["proxyCommand"]]

# JupyterHub's own files.
state = settings["stateDir"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")

# Stopping the hub stops the users' servers and the proxy too.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# One machine for the class: a server idle for cullIdleMinutes is stopped, and so is one that has
# run maxServerMinutes even while in use (jupyterhub-idle-culler as a hub service; the user's files
# stay, and logging in again starts a new one): a tab left open, or a student's script posting
# activity to the hub's API, kept a server and its memory for the whole semester. At most maxServers
# run at once (0: no limit). Starting a JupyterLab with the TypeScript kernel's packages is the
# costly moment, so starts are also taken a few at a time: the others wait their turn.
c.JupyterHub.load_roles = [instructor_role, *grader_roles]
idle_seconds = settings["cullIdleMinutes"] * 60
age_seconds = settings.get("maxServerMinutes", 0) * 60
if idle_seconds > 0 or age_seconds > 0:
    c.JupyterHub.load_roles.append(
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    )
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                # no idle limit: ten years
                f"--timeout={idle_seconds or 10 * 365 * 24 * 3600}",
                f"--max-age={age_seconds}",
                # look every minute, or sooner when a limit is shorter
                f"--cull-every={min(60, *(limit // 2 for limit in (idle_seconds, age_seconds) if limit > 0))}",
            ],
        }
    ]
c.JupyterHub.active_server_limit = settings["maxServers"]
c.JupyterHub.concurrent_spawn_limit = 5

"""The two pieces of JupyterHub that the course's hub (hub/jupyterhub_config.py) adapts.

Enough for a hub that an instructor runs on one machine to try the course; a production
hub uses a real authenticator (the university's single sign-on, LTI from the learning
platform, ...) and a spawner that gives each user an account or a container of their own.
"""
import hmac
import os

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner, set_user_setuid
from traitlets import Dict, Unicode


class CourseAuthenticator(Authenticator):
    """A fixed list of course users, each with a password."""

    passwords = Dict(
        value_trait=Unicode(),
        config=True,
        help="User name -> password. Only these users can log in.",
    )

    async def authenticate(self, handler, data):
        name = data.get("username", "")
        wanted = self.passwords.get(name)
        given = data.get("password", "")
        # compare_digest: the time taken does not tell how much of a password was right.
        if wanted is not None and hmac.compare_digest(wanted.encode(), given.encode()):
            return name
        return None

    async def refresh_user(self, user, handler=None):
        """A user no longer on the list (the hub restarted with a shorter one) is logged out at their
        next request: their cookie outlived the list, and their home page still opened."""
        return user.name in self.passwords


class CourseSpawner(SimpleLocalProcessSpawner):
    """Each user's JupyterLab in a home of its own, as the user's own system user when
    `system_users` names one (the hub runs as root), else as the hub's own system user.

    Stopping starts with SIGTERM. The local spawner's first signal is SIGINT, which a
    Jupyter server without a terminal takes as a KeyboardInterrupt: it exits without
    shutting its kernels down, and they run on, orphaned, after the hub has stopped.
    SIGTERM makes the server shut its kernels down first.
    """

    system_users = Dict(
        value_trait=Unicode(),
        config=True,
        help="Hub user name -> the system user their server runs as. Empty: the hub's own user.",
    )

    def make_preexec_fn(self, name):
        system_user = self.system_users.get(self.user.name)
        if system_user is None:
            if self.system_users and os.getuid() == 0:
                # a hub that gives users accounts of their own never runs a server as its own root
                raise RuntimeError(f"{self.user.name} has no system account on this hub: not started as root")
            return super().make_preexec_fn(name)
        # The system user's own groups only; it starts in its home under the hub's folder
        # (home_dir), whatever home the system's user database gives it.
        switch_user = set_user_setuid(system_user, chdir=False)
        home = self.home_dir

        def preexec():
            switch_user()
            os.chdir(home)

        return preexec

    def user_env(self, env):
        env = super().user_env(env)
        system_user = self.system_users.get(self.user.name)
        if system_user is not None:
            env["USER"] = env["LOGNAME"] = system_user
        return env

    async def stop(self, now=False):
        # now=True in the local spawner means: SIGTERM, wait term_timeout, then SIGKILL.
        await super().stop(now=True)

"""The two pieces of JupyterHub that the course's hub (hub/jupyterhub_config.py) adapts.

Enough for a hub that an instructor runs on one machine to try the course; a production
hub uses a real authenticator (the university's single sign-on, LTI from the learning
platform, ...) and a spawner that gives each user an account or a container of their own.
"""
import hmac

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner
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


class CourseSpawner(SimpleLocalProcessSpawner):
    """Each user's JupyterLab as a process of the hub's own system user, in a home of its own.

    Stopping starts with SIGTERM. The local spawner's first signal is SIGINT, which a
    Jupyter server without a terminal takes as a KeyboardInterrupt: it exits without
    shutting its kernels down, and they run on, orphaned, after the hub has stopped.
    SIGTERM makes the server shut its kernels down first.
    """

    async def stop(self, now=False):
        # now=True in the local spawner means: SIGTERM, wait term_timeout, then SIGKILL.
        await super().stop(now=True)

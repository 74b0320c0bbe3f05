"""A new gradebook's schema version, read in this process.

nbgrader stamps each gradebook it creates with the revision of its newest database migration, and
learns that revision by running the `alembic` command, which it looks for on PATH only: nbgrader
started by its full path (`.venv/bin/nbgrader` from a cron job, a batch script or a shell where the
environment is not activated) stopped at its first gradebook with "No such file or directory:
'alembic'", and everywhere else the command cost about a second of CPU for one string. The same
revision is read here from nbgrader's own migrations with alembic's library.
"""
import nbgrader.api
from nbgrader.dbutil import ALEMBIC_DIR


def newest_migration():
    """The revision `alembic heads` names for nbgrader's migrations."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", ALEMBIC_DIR)
    return ScriptDirectory.from_config(config).get_current_head()


def gradebook_version_in_process():
    nbgrader.api.get_alembic_version = newest_migration

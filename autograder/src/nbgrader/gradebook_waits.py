"""nbgrader's gradebook waits for another process's write instead of failing at once.

The gradebook is one SQLite file, and SQLite lets one process write at a time: another that
wants to write waits at most its busy timeout, Python's default of 5 s, then fails with
"database is locked". nbgrader opens the gradebook with SQLAlchemy's defaults, so an
`nbgrader autograde` run beside another (the class graded several students at a time:
autograder/bin/nbgrader-autograde.mjs, or the formgrader's Autograde beside a terminal's) failed the
student whose grades it was saving, on a machine loaded enough that the other's write took longer.
`gradebook_waits()`, called by nbgrader_config.py, gives every SQLite gradebook nbgrader opens
a busy timeout of WAIT_SECONDS: a write waits its turn, and no grade is lost.
"""
import nbgrader.api

WAIT_SECONDS = 120


def gradebook_waits(seconds=WAIT_SECONDS):
    create_engine = nbgrader.api.create_engine
    if getattr(create_engine, "_neural_mi_waits", None) == seconds:
        return
    original = getattr(create_engine, "_neural_mi_original", create_engine)

    def waiting_engine(url, *args, **kwargs):
        if str(url).startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": seconds, **kwargs.get("connect_args", {})}
        return original(url, *args, **kwargs)

    waiting_engine._neural_mi_waits = seconds
    waiting_engine._neural_mi_original = original
    nbgrader.api.create_engine = waiting_engine

"""`nbgrader`, the command, started without two imports none of its commands needs to start.

The set-up (scripts/setup/python-env.mjs) copies this file into the environment's packages as
neural_mi_nbgrader_start.py and has the environment's `nbgrader` program call its main() where pip's
calls nbgrader.apps.nbgraderapp.main: the same application, arguments, config files, logging and exit
code, about 0.3 s of CPU less a process (of about 1.3 s before any work):

- nbgrader's package __init__ imports its four Jupyter server extensions (their tornado handlers,
  the exchange, jupyter_server), which only a Jupyter server loads. Here the package's module is made
  without running __init__; the first name asked of it that it does not have yet, and that is not
  one of its submodules, runs __init__, the whole of it, so a server extension's names are there when
  something asks for them.
- nbgrader.utils imports setuptools.archive_util (setuptools and pkg_resources, about 0.15 s) for
  the three functions `nbgrader zip_collect` unpacks archives with. Here nbgrader.utils gets three
  functions that import setuptools.archive_util at their first call and call its own.
"""
import importlib
import importlib.util
import sys
import types

_ARCHIVE_FUNCTIONS = ("unpack_archive", "unpack_tarfile", "unpack_zipfile")


def _package_on_demand():
    """nbgrader's package module, its __init__ run at the first name it lacks."""
    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    package = importlib.util.module_from_spec(spec)
    running = []

    def __getattr__(name):
        # a submodule not imported yet (`from .. import preprocessors` asks first): the import system imports it
        if running or importlib.util.find_spec(f"nbgrader.{name}") is not None:
            raise AttributeError(f"module 'nbgrader' has no attribute {name!r}")
        running.append(name)
        del package.__dict__["__getattr__"]
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = __getattr__
    sys.modules["nbgrader"] = package
    # read by the application's class (its --version): nbgrader/__init__.py takes it from here too
    from nbgrader._version import __version__

    package.__version__ = __version__


def _archive_function(name):
    def call(*args, **kwargs):
        return getattr(importlib.import_module("setuptools.archive_util"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = "setuptools.archive_util"
    return call


def _utils_without_setuptools():
    """nbgrader.utils imported with setuptools.archive_util's functions loaded at their first call."""
    if "nbgrader.utils" in sys.modules or "setuptools" in sys.modules:
        return
    stand_in = types.ModuleType("setuptools.archive_util")
    for name in _ARCHIVE_FUNCTIONS:
        setattr(stand_in, name, _archive_function(name))
    parent = types.ModuleType("setuptools")
    parent.__path__ = []
    parent.archive_util = stand_in
    sys.modules["setuptools"] = parent
    sys.modules["setuptools.archive_util"] = stand_in
    try:
        importlib.import_module("nbgrader.utils")
    finally:
        # only nbgrader.utils saw them: any later `import setuptools` loads the real one
        if sys.modules.get("setuptools.archive_util") is stand_in:
            del sys.modules["setuptools.archive_util"]
        if sys.modules.get("setuptools") is parent:
            del sys.modules["setuptools"]


def prepare():
    """nbgrader's package and nbgrader.utils as main() starts them (for a check of them alone)."""
    _package_on_demand()
    _utils_without_setuptools()


def main():
    prepare()
    from nbgrader.apps.nbgraderapp import main as nbgrader_main

    return nbgrader_main()

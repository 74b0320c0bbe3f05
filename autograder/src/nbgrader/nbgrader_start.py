"""nbgrader imported without two imports that none of its commands needs to start.

The set-up (scripts/setup/python-env.mjs) copies this file into the environment's packages as
neural_mi_nbgrader_start.py, and the environment's neural_mi_course.pth calls install() as each of
its Pythons starts: `nbgrader` as an instructor types it, the course's commands, the hub, and every
Python process that imports nbgrader's steps. nbgrader's own files run unchanged; two of them are
loaded so, about 0.3 s of CPU less in each process that imports nbgrader (of about 1.3 s before it
does any work):

- nbgrader/__init__.py imports nbgrader's four Jupyter server extensions (their tornado handlers,
  the exchange, jupyter_server), which only a Jupyter server uses. The package's module is made
  without running it; the first name asked of the package that it does not have yet, and that is not
  one of its submodules, runs __init__.py, the whole of it, so the server extensions' names
  (`_jupyter_server_extension_points`...) are there when a server asks for them.
- nbgrader/utils.py imports setuptools.archive_util (setuptools and pkg_resources, about 0.15 s)
  for the three functions `nbgrader zip_collect` unpacks archives with. While utils.py runs, it is
  given three functions that import setuptools.archive_util at their first call and call its own;
  once it has run, `import setuptools` is setuptools' own again.
"""
import sys
from importlib.machinery import PathFinder, SourceFileLoader

_ARCHIVE_FUNCTIONS = ("unpack_archive", "unpack_tarfile", "unpack_zipfile")


class _PackageLoader(SourceFileLoader):
    """nbgrader/__init__.py, run at the first name asked of the package that it lacks."""

    def exec_module(self, module):
        loader = self
        running = []

        def __getattr__(name):
            # a submodule not imported yet (`from .. import preprocessors` asks first): the import system imports it
            if running or PathFinder.find_spec(f"{module.__name__}.{name}", module.__path__) is not None:
                raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")
            running.append(name)
            del module.__dict__["__getattr__"]
            SourceFileLoader.exec_module(loader, module)
            return getattr(module, name)

        module.__getattr__ = __getattr__
        # read by nbgrader's application class (its --version); __init__.py takes it from there too
        from nbgrader._version import __version__

        module.__version__ = __version__


def _archive_function(name):
    def call(*args, **kwargs):
        import importlib

        return getattr(importlib.import_module("setuptools.archive_util"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = "setuptools.archive_util"
    return call


class _UtilsLoader(SourceFileLoader):
    """nbgrader/utils.py, given setuptools.archive_util's functions loaded at their first call."""

    def exec_module(self, module):
        if "setuptools" in sys.modules:
            return super().exec_module(module)
        import types

        stand_in = types.ModuleType("setuptools.archive_util")
        for name in _ARCHIVE_FUNCTIONS:
            setattr(stand_in, name, _archive_function(name))
        parent = types.ModuleType("setuptools")
        parent.__path__ = []
        parent.archive_util = stand_in
        sys.modules["setuptools"] = parent
        sys.modules["setuptools.archive_util"] = stand_in
        try:
            super().exec_module(module)
        finally:
            if sys.modules.get("setuptools.archive_util") is stand_in:
                del sys.modules["setuptools.archive_util"]
            if sys.modules.get("setuptools") is parent:
                del sys.modules["setuptools"]


_LOADERS = {"nbgrader": _PackageLoader, "nbgrader.utils": _UtilsLoader}


class NbgraderStart:
    """Finds nbgrader's package and nbgrader.utils as the import system does, and gives them the loaders above."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        loader = _LOADERS.get(name)
        if loader is None:
            return None
        spec = PathFinder.find_spec(name, path)
        # anything but nbgrader's source files (an installation without them): the import system's own way
        if spec is None or type(spec.loader) is not SourceFileLoader:
            return None
        spec.loader = loader(spec.loader.name, spec.loader.path)
        return spec


def install():
    if NbgraderStart not in sys.meta_path:
        sys.meta_path.insert(0, NbgraderStart)

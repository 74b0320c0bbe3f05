"""The contents manager of the course's JupyterLab servers (the student's and instructor's doors, every
user's server on the course hub): jupyter_server's own, whose saves replace a file whole.

jupyter_server's "atomic writing" (services/contents/fileio.py) copies the old file to `.~<name>`, then
empties the file itself and writes the new content into it, after serialising a notebook: for the time a
save takes, the file is empty or cut short. Whatever read it then took that: nbgrader's Submit on the
hub, copying the student's assignment folder to the exchange during a Ctrl+S or an autosave, handed in an
empty notebook (her submission lost until she submitted again; both graders then called it empty),
and a release generated, or a notebook validated, during a save read the same. Here a save writes a
temporary file beside the target and renames it over the target (os.replace): a reader opens the old file
whole or the new one whole. The temporary file takes the target's mode (and owner and group, where the
server's account may give them), is synced to disk before the rename, and is removed if the save fails,
the target left as it was. Its name, `.~<name>.<random>.saving~`, is hidden in JupyterLab (a dot name, and
"*~" among the servers' hide_globs), is no notebook (*.ipynb) of any grader, and is on the course's
nbgrader ignore list (autograder/nbgrader_config.py, TEMP_GLOB), so that one left by a server killed
mid-save is never handed in, released or graded.

A file is still written in place, as jupyter_server does, where a rename cannot keep it: a folder the
server may not write in, a file with other names (a hard link), anything but a regular file. With
`use_atomic_writing = False` (a network file system) jupyter_server's own plain writing is used.
Restoring a checkpoint (File > Revert Notebook to Checkpoint), which copied the checkpoint over the file
in place, renames too, and so does an upload in chunks (a file over 1 MB dragged into JupyterLab) over a
file: its chunks are gathered beside it, the last replacing it (WholeSavesContentsManager.save).
"""

import base64
import contextlib
import hashlib
import os
import secrets
import shutil
import stat

from anyio.to_thread import run_sync
from jupyter_server.services.contents.filecheckpoints import AsyncFileCheckpoints
from jupyter_server.services.contents.fileio import copy2_safe
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado.web import HTTPError
from traitlets import default

# the name of a save's temporary file, and the glob nbgrader's ignore list holds for it
TEMP_PREFIX = ".~"
TEMP_SUFFIX = ".saving~"
TEMP_GLOB = TEMP_PREFIX + "*" + TEMP_SUFFIX


# a name's bytes a folder entry holds (Linux, macOS); jupyter_server's own backup name adds only ".~"
NAME_BYTES = 255
# what the temporary names add to a file's name at most: ".~", ".upload" or "." and 8 hex digits, ".saving~"
ADDED_BYTES = len(TEMP_PREFIX) + len(".upload") + 1 + 8 + len(TEMP_SUFFIX)


def _short(name):
    """`name`, or where the temporary names made of it would pass NAME_BYTES, its start and a hash of it whole: a
    notebook named with 238 to 244 bytes, which jupyter_server saves (its checkpoint's name adds 11), had failed to
    save, "File name too long"."""
    if len(os.fsencode(name)) + ADDED_BYTES <= NAME_BYTES:
        return name
    start = name[:100]
    while len(os.fsencode(start)) > 100:  # whole characters, of however many bytes
        start = start[:-1]
    return f"{start}~{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}"


def temp_path(path):
    """A fresh name for a save's temporary file of `path`, in its folder."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f"{TEMP_PREFIX}{_short(name)}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def renamable(path):
    """The file a save of `path` replaces (a link's target), or None where a rename would not keep it."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    if not os.access(os.path.dirname(target) or ".", os.W_OK | os.X_OK):
        return None
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
        return None
    return target


def upload_path(target):
    """The file an upload of `target` in chunks gathers its chunks in, until the last replaces `target` with it."""
    folder, name = os.path.split(target)
    return os.path.join(folder, f"{TEMP_PREFIX}{_short(name)}.upload{TEMP_SUFFIX}")


def _open_temp(target, name=None):
    """A new temporary file beside `target` (its descriptor and path), named `name` (one there before is removed)
    or afresh, with the target's mode, owner and group where it has them, else the mode a new file gets (0666 less
    the umask)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    while True:
        temp = name or temp_path(target)
        if name:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(temp, flags, 0o666 if info is None else 0o600)
            break
        except FileExistsError:
            continue
    try:
        if info is not None:
            made = os.fstat(fd)
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                # the owner only as root; the group where the account is in it
                for owner in ((info.st_uid, info.st_gid), (-1, info.st_gid)):
                    try:
                        os.fchown(fd, *owner)
                        break
                    except OSError:
                        continue
            # after the owner: a change of owner clears set-user-id and set-group-id
            os.fchmod(fd, stat.S_IMODE(info.st_mode))
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    return fd, temp


def _sync_folder(folder):
    """Syncs the folder's entries (the rename) to disk, where the system allows it."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def replaced_whole(target, text=True, encoding="utf-8", log=None, **kwargs):
    """A file object whose content, once the block ends without an error, replaces `target` whole (a rename);
    on an error the temporary file is removed and `target` stays as it was. Arguments as jupyter_server's
    atomic_writing (text files get Unix line ends)."""
    fd, temp = _open_temp(target)
    try:
        if text:
            kwargs.setdefault("newline", "\n")
            file = os.fdopen(fd, "w", encoding=encoding, **kwargs)
        else:
            file = os.fdopen(fd, "wb", **kwargs)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    try:
        with file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(os.path.dirname(target))


class WholeRestoreCheckpoints(AsyncFileCheckpoints):
    """jupyter_server's checkpoints, whose restore replaces the file whole (it copied the checkpoint over it)."""

    async def restore_checkpoint(self, contents_mgr, checkpoint_id, path):
        await run_sync(self._restore_whole, self.checkpoint_path(checkpoint_id, path), contents_mgr._get_os_path(path))

    def _restore_whole(self, checkpoint, dest):
        with self.perm_to_403(dest):
            target = renamable(dest)
            if target is None:
                copy2_safe(checkpoint, dest, log=self.log)
                return
            with open(checkpoint, "rb") as source, replaced_whole(target, text=False) as file:
                shutil.copyfileobj(source, file)
            # the checkpoint's times, as jupyter_server's copy gave them (JupyterLab compares them)
            info = os.stat(checkpoint)
            with contextlib.suppress(OSError):
                os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))


def _chunk_bytes(model, os_path):
    """The bytes of an upload's chunk, as jupyter_server's LargeFileManager decodes them."""
    if model.get("format") not in {"text", "base64"}:
        raise HTTPError(400, "Must specify format of file contents as 'text' or 'base64'")
    try:
        return model["content"].encode("utf8") if model["format"] == "text" else base64.b64decode(model["content"].encode("ascii"))
    except Exception as e:
        raise HTTPError(400, f"Encoding error saving {os_path}: {e}") from e


def _add_chunk(target, staged, chunk, data):
    """Puts an upload's chunk in `staged`: the first starts it afresh (the target's mode), the last replaces `target`."""
    if chunk == 1:
        fd, _ = _open_temp(target, staged)
        file = os.fdopen(fd, "wb")
    else:
        file = open(staged, "ab")
    with file:
        file.write(data)
        if chunk == -1:
            file.flush()
            os.fsync(file.fileno())
    if chunk == -1:
        os.replace(staged, target)
        _sync_folder(os.path.dirname(target))


class WholeSavesContentsManager(AsyncLargeFileManager):
    """jupyter_server's contents manager (AsyncLargeFileManager, its default), whose saves of notebooks and
    other files replace the file whole by a rename (the module's docstring says why). An upload in chunks over
    a file gathers them beside it, in `upload_path`, and the last chunk replaces the file: jupyter_server wrote
    the first over the file and appended the others to it, the file cut short until the upload ended (for
    good, if it never did). An upload abandoned leaves its chunks there (hidden, left out by nbgrader) until the
    next upload over that file. A new file's upload is jupyter_server's (no content of the user's to keep, and
    JupyterLab shows the file as its chunks come)."""

    async def save(self, model, path=""):
        chunk = model.get("chunk")
        if chunk is None or model.get("type") != "file" or "content" not in model:
            return await super().save(model, path)
        path = path.strip("/")
        os_path = self._get_os_path(path)
        with self.perm_to_403(os_path):
            target = renamable(os_path) if self.use_atomic_writing else None
            staged = upload_path(target) if target is not None else None
            if staged is not None and chunk == 1 and not os.path.isfile(target):
                # a new file: jupyter_server's upload, and no chunks of an earlier one taken for its own
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(staged)
                staged = None
        if staged is None or (chunk != 1 and not os.path.isfile(staged)):
            return await super().save(model, path)
        if chunk == 1:
            self.run_pre_save_hooks(model=model, path=path)
        data = _chunk_bytes(model, os_path)
        try:
            with self.perm_to_403(os_path):
                await run_sync(_add_chunk, target, staged, chunk, data)
        except HTTPError:
            raise
        except Exception as e:
            with contextlib.suppress(OSError):
                os.unlink(staged)
            self.log.error("Error while saving file: %s %s", path, e, exc_info=True)
            raise HTTPError(500, f"Unexpected error while saving file: {path} {e}") from e
        model = await self.get(path, content=False)
        if chunk == -1:
            self.run_post_save_hooks(model=model, os_path=os_path)
        self.emit(data={"action": "save", "path": path})
        return model

    @default("checkpoints_class")
    def _checkpoints_class_default(self):
        return WholeRestoreCheckpoints

    @contextlib.contextmanager
    def atomic_writing(self, os_path, *args, **kwargs):
        with self.perm_to_403(os_path):
            target = renamable(os_path) if self.use_atomic_writing else None
        if target is None:
            with super().atomic_writing(os_path, *args, **kwargs) as file:
                yield file
            return
        with self.perm_to_403(os_path):
            kwargs["log"] = self.log
            with replaced_whole(target, *args, **kwargs) as file:
                yield file

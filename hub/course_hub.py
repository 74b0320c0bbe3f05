"""The two pieces of JupyterHub that the course's hub (hub/jupyterhub_config.py) adapts.

Enough for a hub that an instructor runs on one machine to try the course; a production
hub uses a real authenticator (the university's single sign-on, LTI from the learning
platform, ...) and a spawner that gives each user an account or a container of their own.
"""
import asyncio
import hmac
import json
import os
import pwd
import resource
import shutil
import subprocess
import time

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner, set_user_setuid
from jupyterhub.utils import new_token
from traitlets import Dict, Int, List, Unicode, default

from account_processes import account_processes, as_account, end_account
from escaped_text import escaped
from private_proc import hide_other_processes
from server_process import process_identity, same_process


class CourseAuthenticator(Authenticator):
    """A fixed list of course users, each with a password."""

    passwords = Dict(
        value_trait=Unicode(),
        config=True,
        help="User name -> password. Only these users can log in.",
    )

    passwords_file = Unicode(
        "",
        config=True,
        help="users.json, read again when it changes: a password changed there (npm run hub:password) "
        "takes effect in the running hub. The users of `passwords` (the start's class list) log in, and "
        "those users.json marks `added` since (npm run hub:add).",
    )
    logins_file = Unicode(
        "",
        config=True,
        help="Where the hub keeps, for each user, which of their passwords they last logged in with "
        "(its time of change), so that sessions of an old password end after a restart too.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._read_at = None
        self._login_record = None
        self._current = {name: {"password": password, "changed": ""} for name, password in self.passwords.items()}

    def current_passwords(self):
        """The class list's users as they are now: {name: {password, changed}}, each changed in
        passwords_file since the start read again (the file is replaced whole when it changes), with
        the students added there since the start (npm run hub:add marks them `added`): the start's
        list alone refused a student enrolled late until the hub was restarted."""
        if not self.passwords_file:
            return self._current
        try:
            stat = os.stat(self.passwords_file)
            read_at = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            if read_at != self._read_at:
                with open(self.passwords_file, encoding="utf-8") as users_file:
                    remembered = {user["name"]: user for user in json.load(users_file)["users"]}
                current = {
                    name: {
                        "password": str(remembered.get(name, {}).get("password", password)),
                        "changed": str(remembered.get(name, {}).get("changed", "")),
                    }
                    for name, password in self.passwords.items()
                }
                for name, user in remembered.items():
                    if user.get("added") and name not in current:
                        current[name] = {"password": str(user["password"]), "changed": str(user.get("changed", ""))}
                self._current = current
                self._read_at = read_at
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            # a file broken by hand: the passwords read before stay
            self.log.warning("%s not read (%s): the passwords read before stay", self.passwords_file, error)
        return self._current

    def check_allowed(self, username, authentication=None):
        """Whoever is on the class list as it is now (current_passwords), not only on the start's."""
        return username in self.current_passwords()

    def _logins(self):
        """{user: the time of change of the password they last logged in with}, read from logins_file
        once: this hub is its only writer."""
        if self._login_record is None:
            try:
                with open(self.logins_file, encoding="utf-8") as logins:
                    self._login_record = json.load(logins)
            except (OSError, ValueError):
                self._login_record = {}
        return self._login_record

    def _changed_since_login(self, name, changed):
        """Whether `name`'s password changed (at `changed`) since they last logged in."""
        return bool(self.logins_file) and self._logins().get(name, "") != changed

    def _record_login(self, name, changed):
        if not self.logins_file:
            return
        logins = self._logins()
        logins[name] = changed
        partial = f"{self.logins_file}.partial"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
            json.dump(logins, out)
        os.replace(partial, self.logins_file)

    async def authenticate(self, handler, data):
        # as JupyterHub stores names (lower case): "Alice", as a phone's keyboard types it, was refused
        name = self.normalize_username(data.get("username", "").strip())
        wanted = self.current_passwords().get(name)
        given = data.get("password", "")
        # compare_digest: the time taken does not tell how much of a password was right.
        if wanted is not None and hmac.compare_digest(wanted["password"].encode(), given.encode()):
            if self._changed_since_login(name, wanted["changed"]):
                # the first login since the password changed: the sessions of the old one end now,
                # before this one's cookie is set (a user's sessions are ended all at once)
                found = handler.find_user(name) if handler is not None else None
                if found is not None:
                    await self.end_sessions(found, handler)
            self._record_login(name, wanted["changed"])
            return name
        return None

    async def refresh_user(self, user, handler=None):
        """A user no longer on the list (the hub restarted with a shorter one) is logged out at their
        next request: their cookie outlived the list, and their home page still opened. So is one whose
        password changed since they last logged in, in every browser: whoever had learnt the old one,
        and kept its session, is let in no more."""
        current = self.current_passwords().get(user.name)
        if current is None:
            return False
        if self._changed_since_login(user.name, current["changed"]):
            await self.end_sessions(user, handler)
            return False
        return True

    async def end_sessions(self, user, handler=None):
        """Every login cookie of the user stops working (a cookie names the user by a secret id, made
        anew), and so does every token of theirs, those a browser got for their server and those made
        on the hub's token page or API (one made with the old password still opened the server and
        made new tokens), and their running server stops, with the terminals and kernels that someone
        with the old password had open."""
        orm_user = getattr(user, "orm_user", None)
        db = getattr(user, "db", None)
        if orm_user is None or db is None:
            return
        if handler is not None:
            for name, spawner in list(getattr(user, "spawners", {}).items()):
                if spawner.active:
                    try:
                        await handler.stop_single_user(user, name)
                    except Exception as error:  # the tokens still go
                        self.log.warning("%s's server %r did not stop (%s)", user.name, name, error)
        orm_user.cookie_id = new_token()
        for token in list(orm_user.api_tokens):
            db.delete(token)
        db.commit()
        self.log.info("%s's password changed: their sessions, tokens and server are ended", user.name)


def listening_owners(port):
    """The accounts (uids) of the sockets listening on TCP `port`, any address, IPv4 or IPv6 (Linux's /proc/net)."""
    owners = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as lines:
                next(lines)
                for line in lines:
                    fields = line.split()
                    # local address "ADDR:PORT" in hex; state 0A is LISTEN; the 8th field the owner's uid
                    if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                        owners.add(int(fields[7]))
        except FileNotFoundError:
            continue
    return owners


# A student's server and kernels hold a few hundred files open; the course writes files of a few MB.
STUDENT_UMASK = 0o077
OPEN_FILES_LIMIT = 4096
FILE_SIZE_LIMIT = 2 * 1024**3

# Where an account leaves memory or files that outlive its processes: tmpfs pages (/dev/shm) are
# memory that no limit of a process counts.
SHARED_TEMPORARY_FOLDERS = ("/dev/shm", "/tmp", "/var/tmp")


# A user's server's output: its log, and whatever its kernels and their children write to the descriptors they
# inherit from it. It went straight to the hub's own output (the instructor's terminal, or the file it is sent
# to): a student's kernel wrote there whatever bytes it liked, terminal escapes included, and as much as it
# liked (a flood filled the disk of a log file, through the pipe that carries the hub's own log lines). Each server's
# output is read by the hub and shown as its lines, control characters escaped, a line cut at OUTPUT_LINE
# characters, at most OUTPUT_RATE bytes a minute after a burst of OUTPUT_BURST: past that the hub reads no
# more of it for a while, and the server that writes more waits (its own output only).
OUTPUT_LINE = 2000
OUTPUT_RATE = 64 * 1024
OUTPUT_BURST = 256 * 1024


def printable(raw):
    """A line of a server's output as the console may show it: bytes not UTF-8 and control characters escaped."""
    text = escaped(raw, keep_layout=True)
    return text if len(text) <= OUTPUT_LINE else f"{text[:OUTPUT_LINE]} ... ({len(raw)} bytes in all)"


def forward_output(stream, show, rate=OUTPUT_RATE, burst=OUTPUT_BURST):
    """Reads `stream` (a pipe) in the running loop and calls `show` with each line, printable, at most `rate`
    bytes a minute after `burst` (None: as fast as it comes): past that, reading stops until the budget is
    back, and the writer waits."""
    loop = asyncio.get_running_loop()
    fd = stream.fileno()
    os.set_blocking(fd, False)
    state = {"pending": b"", "budget": float(burst), "at": time.monotonic(), "held": False}

    def show_lines(chunk, last=False):
        lines = (state["pending"] + chunk).split(b"\n")
        state["pending"] = b"" if last else lines.pop()
        if len(state["pending"]) > 4 * OUTPUT_LINE:  # a line without end is shown in parts
            lines.append(state["pending"])
            state["pending"] = b""
        for line in lines:
            if line or not last:
                show(printable(line))

    def resume():
        loop.add_reader(fd, readable)

    def readable():
        now = time.monotonic()
        if rate is not None:
            state["budget"] = min(burst, state["budget"] + (now - state["at"]) * rate / 60)
        state["at"] = now
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            loop.remove_reader(fd)
            show_lines(b"", last=True)
            stream.close()
            return
        show_lines(chunk)
        if rate is None:
            return
        state["budget"] -= len(chunk)
        if state["budget"] < 0:
            loop.remove_reader(fd)
            if not state["held"]:
                state["held"] = True
                show(f"(writes more than {rate // 1024} kB a minute: its output is read no faster, and the server waits for it)")
            loop.call_later(-state["budget"] * 60 / rate, resume)

    loop.add_reader(fd, readable)


async def process_exit(proc, interval=0.5):
    """Returns when the process `proc` (a Popen) has ended: at once through a pidfd (Linux 5.3 and
    later), else at the next look, every `interval` seconds."""
    try:
        fd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        while proc.poll() is None:
            await asyncio.sleep(interval)
        return
    loop = asyncio.get_running_loop()
    ended = loop.create_future()
    loop.add_reader(fd, lambda: ended.done() or ended.set_result(None))
    try:
        await ended
    finally:
        loop.remove_reader(fd)
        os.close(fd)


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

    instructors = List(
        Unicode(),
        config=True,
        help="Hub users trusted with the machine: their processes are left running when their server "
        "stops (grading started with nohup in a terminal goes on after the culler), and the students' "
        "limits on processes and memory do not apply to them (the grader's kernels run as them).",
    )
    process_limit = Int(
        512,
        config=True,
        help="Processes and threads a user's account may have at once (RLIMIT_NPROC; 0: no limit).",
    )
    memory_limit_mb = Int(
        4096,
        config=True,
        help="Memory each process of a user's server may write to, in MB (RLIMIT_DATA; 0: no limit).",
    )

    @default("popen_kwargs")
    def _output_to_the_hub(self):
        # the server's output comes to the hub (forward_output), not to the hub's own output
        return {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}

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
        limits = self.account_limits()
        # A student's files are hers alone, wherever her code writes them: with the usual umask (022) a
        # copy of her notebook in /tmp, open to every account, was read by her classmates. The
        # instructor's stays: the students read what the course hands out. nbgrader's exchange sets the
        # modes of a submission itself, so the instructor still collects it.
        umask = None if self.user.name in self.instructors else STUDENT_UMASK

        def preexec():
            # as root still: a /proc showing the account its own processes only (hub/private_proc.py;
            # where it cannot be made, the hub's start said so, and the machine's /proc stays)
            hide_other_processes()
            switch_user()
            # as the account: it cannot raise them again
            for which, value in limits:
                resource.setrlimit(which, (value, value))
            if umask is not None:
                os.umask(umask)
            os.chdir(home)

        return preexec

    def account_limits(self):
        """The limits a user's server and all it starts run under, each process as its account. One
        student's fork bomb in a terminal, counted per account (RLIMIT_NPROC counts every process and
        thread of the account), stops at process_limit instead of taking the machine from the class;
        a kernel asked for a tensor larger than the machine fails alone instead of pushing the hub and
        the others' kernels out of memory. Threads count: JupyterLab holds about 20 and each kernel
        about 12, so 512 leaves room for dozens of notebooks and terminals."""
        limits = []
        if self.user.name in self.instructors:
            return limits
        if self.process_limit > 0:
            limits.append((resource.RLIMIT_NPROC, self.process_limit))
        if self.memory_limit_mb > 0:
            limits.append((resource.RLIMIT_DATA, self.memory_limit_mb * 1024 * 1024))
        # open files a process (20000 by default: one process bound 20000 ports, two the machine's
        # whole ephemeral range), and the size of one file (a student's 3 GB file in /tmp)
        limits.append((resource.RLIMIT_NOFILE, OPEN_FILES_LIMIT))
        limits.append((resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT))
        return limits

    def server_uid(self):
        system_user = self.system_users.get(self.user.name)
        return pwd.getpwnam(system_user).pw_uid if system_user is not None else os.getuid()

    async def start(self):
        """Starts the server, and returns its address only once the port it was given is held by the
        user's own account. The local spawner picks a free port, and the server binds it seconds later;
        the hub then takes whatever answers on it for the user's server. Another student's process
        that bound the port first (every free odd port, the moment the user's server process shows)
        had the hub route the user there, and its page, on the hub's origin, minted a token of the
        user's (of the hub's admin, when the instructor logged in)."""
        ip, port = await super().start()
        output = getattr(self.proc, "stdout", None)
        if output is not None:
            # the instructor's (the formgrader's grading runs kernels in it) as fast as it comes
            rate = None if self.user.name in self.instructors else OUTPUT_RATE
            forward_output(output, lambda line, name=self.user.name: self.log.info("%s's server: %s", name, line), rate=rate)
        self._identity = process_identity(self.pid)
        await self.check_port_owner(port)
        return ip, port

    def start_polling(self):
        """Polls as the hub does, and also notices the server's end the moment it comes: the hub
        routed the user's address to the port until its next poll (30 s), so a student who had
        ended her server, or another who bound its port once it died, answered there for it, and
        was sent the user's cookie for her server."""
        super().start_polling()
        proc = getattr(self, "proc", None)
        if proc is not None and self._poll_callback is not None:
            asyncio.ensure_future(self._notify_at_exit(proc))

    async def _notify_at_exit(self, proc):
        await process_exit(proc)
        # polling stopped: the hub stopped the server itself, or its poll saw the end first
        if self._poll_callback is not None:
            await self.poll_and_notify()

    async def check_port_owner(self, port):
        expected = self.server_uid()
        deadline = time.monotonic() + self.http_timeout
        while time.monotonic() < deadline:
            # in a thread: the tables list every socket of the machine, and a student holding 100,000 (her
            # processes may each hold 4096 files) made each reading take some 0.4 s, the hub's loop standing still
            owners = await asyncio.to_thread(listening_owners, port)
            if owners - {expected}:
                if getattr(self, "proc", None) is not None:
                    await self.stop(now=True)
                self.port = 0  # the next start picks another
                others = ", ".join(sorted(str(uid) for uid in owners - {expected}))
                raise RuntimeError(
                    f"the port chosen for {self.user.name}'s server ({port}) is held by another account (uid {others}), "
                    "which would have answered for it: not started. Start it again (another port is chosen), and find "
                    "that account's process: it takes the ports of servers as they start."
                )
            if owners:
                return
            if getattr(self, "proc", None) is not None and self.proc.poll() is not None:
                return  # it stopped: the hub reports that as a failed start
            await asyncio.sleep(0.2)

    _identity = None

    def get_state(self):
        """The server's process id, and who that process is (hub/server_process.py): its id alone
        named another program's process after the machine restarted."""
        state = super().get_state()
        if self.pid:
            if self._identity is None:
                self._identity = process_identity(self.pid)
            if self._identity:
                state["started"] = self._identity
        return state

    def load_state(self, state):
        super().load_state(state)
        self._identity = state.get("started")

    def clear_state(self):
        super().clear_state()
        self._identity = None

    async def poll(self):
        """As the local spawner polls, but a server resumed from the hub's database (the hub was killed
        with servers running) counts as running only while its process id names that same process. The
        hub, as root, took a process that had the id after the machine's restart for the user's server:
        it routed the user to the server's old port, where any account could listen, and stopped it,
        that other program, with SIGKILL."""
        if getattr(self, "proc", None) is None and self.pid and not same_process(self.pid, self._identity, self._expected_uid()):
            self.log.warning(
                "%s's server, process %s before the hub stopped, is gone (the id is another process's now): taken as stopped",
                self.user.name,
                self.pid,
            )
            self.clear_state()
            return 0
        return await super().poll()

    def _expected_uid(self):
        try:
            return self.server_uid()
        except KeyError:  # the account is gone: no process of the server can be left
            return None

    def user_env(self, env):
        env = super().user_env(env)
        system_user = self.system_users.get(self.user.name)
        if system_user is not None:
            env["USER"] = env["LOGNAME"] = system_user
        return env

    async def stop(self, now=False):
        # now=True in the local spawner means: SIGTERM, wait term_timeout, then SIGKILL.
        await super().stop(now=True)
        await self.end_account_processes()

    async def end_account_processes(self, grace=2.0):
        """Ends every process left to the user's own account once their server has stopped: a
        process a kernel or terminal started in a session of its own (setsid, nohup, a daemon)
        outlived the server, holding the machine's memory and ports after the user was culled or
        the hub stopped. Each account is the hub's, made for that one user (scripts/hub/isolation.mjs),
        so all its processes are the server's (hub/account_processes.py ends them)."""
        system_user = self.system_users.get(self.user.name)
        if system_user is None or os.getuid() != 0 or self.user.name in self.instructors:
            return
        account = pwd.getpwnam(system_user)
        if account.pw_uid == 0:
            return
        prefix = as_account(account.pw_uid, account.pw_gid)
        if prefix is None:
            self.log.warning("setpriv (util-linux) is missing: processes %s left running are not ended", system_user)
            return
        # in a thread: the hub's loop goes on while the account's processes are given time to end
        left = await asyncio.to_thread(end_account, account.pw_uid, account.pw_gid, grace)
        if left:
            self.log.warning("%d processes of %s are still running after SIGKILL: %s", len(left), system_user, sorted(left))
        await self.remove_account_leftovers(prefix, account.pw_uid)

    async def remove_account_leftovers(self, prefix, uid):
        """What the account's processes leave holding memory once they are gone: System V shared memory,
        semaphores and queues (ipcrm), and its files in the shared temporary folders, /dev/shm's tmpfs
        pages among them. A student's 1 GB in /dev/shm and a 1 GB shared-memory segment, which no limit
        of a process counts, outlived the server that the culler stopped. Removed as the account itself,
        which can remove only its own. In a thread: find walks the shared folders, and a student's 300,000
        empty files in /tmp took it 5 s (a million, some 17 s), in which the hub's loop stood still (no login,
        no page of the hub, no server started or stopped, for the whole class), at each stop of her server."""
        for command in (["ipcrm", "--all"], ["find", *SHARED_TEMPORARY_FOLDERS, "-xdev", "-user", str(uid), "-delete"]):
            if shutil.which(command[0]) is None:
                self.log.warning("%s is missing: what %s's account left behind is not removed by it", command[0], self.user.name)
                continue
            await asyncio.to_thread(subprocess.run, [*prefix, *command], capture_output=True)


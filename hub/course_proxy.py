"""The hub's proxy, configurable-http-proxy, told apart from other processes by its command line.

JupyterHub keeps the proxy's process id in a file (jupyterhub/jupyterhub-proxy.pid) and, at its
next start, stops whatever process has that id: SIGTERM twice, then SIGKILL. It checks only that a
process with that id exists. After a hub killed without its Ctrl-C (the OOM killer, kill -9, a
power cut) and the machine's restart, or simply days later, the id belongs to another process, and
the hub, run as root, killed it: a database, an ssh session, another user's program. Here a process
is taken for the proxy only when its command line names this hub's proxy command.
"""
import os
import subprocess

from jupyterhub.proxy import ConfigurableHTTPProxy


def command_line(pid):
    """The arguments of process `pid`, or None when there is no such process to read.
    /proc on Linux; `ps` elsewhere (macOS), whose one line is split at spaces."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return [part.decode(errors="replace") for part in cmdline.read().split(b"\0") if part]
    except FileNotFoundError:
        if os.path.isdir("/proc/self"):
            return None
    except OSError:
        return None
    found = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True)
    return found.stdout.split() if found.returncode == 0 and found.stdout.strip() else None


def runs_command(pid, command):
    """Whether process `pid` runs `command` (its path as the hub starts it, in any of its arguments:
    the proxy is a node script, `node <path> ...`)."""
    arguments = command_line(pid)
    return bool(arguments) and any(command in argument for argument in arguments)


class CourseProxy(ConfigurableHTTPProxy):
    """configurable-http-proxy, whose pid file left by an earlier hub stops only that hub's proxy."""

    def _check_pid(self, pid):
        super()._check_pid(pid)  # ProcessLookupError when no process has the id
        if self.command and self.command[0] and not runs_command(pid, self.command[0]):
            self.log.warning(
                "process %s, named by the proxy's pid file %s, is not this hub's proxy (%s): left running",
                pid,
                self.pid_file,
                self.command[0],
            )
            raise ProcessLookupError(pid)

"""The processes of a hub user's account, and their end, as the account itself ends them.

Used where a student's server stops (CourseSpawner.end_account_processes) and at the hub's start,
for what a hub that died without its Ctrl-C left running (scripts/hub/leftover-processes.mjs, which
runs `python account_processes.py <uid>:<gid> ...` and reads the JSON it prints). Linux's /proc.
"""
import json
import os
import shutil
import subprocess
import sys
import time


def account_processes(uid):
    """The ids of the running processes whose real, effective or saved user is `uid` (zombies left out)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            # read as bytes: the name a process gave itself (prctl, process.title) may be in any encoding,
            # and one not UTF-8, any account's, stopped every reading: no student's processes ended
            with open(f"/proc/{entry}/status", "rb") as status:
                fields = {key.decode("ascii", "replace"): value.decode("ascii", "replace") for key, value in (line.split(b":", 1) for line in status if b":" in line)}
        except OSError:
            continue
        if fields.get("State", "").strip().startswith("Z"):
            continue
        if str(uid) in fields.get("Uid", "").split()[:3]:
            found.add(int(entry))
    return found


def as_account(uid, gid):
    """The command prefix that runs a command as the account (util-linux's setpriv), or None without setpriv."""
    setpriv = shutil.which("setpriv")
    return None if setpriv is None else [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]


def end_account(uid, gid, grace=2.0):
    """Ends every process of the account: SIGTERM, up to `grace` seconds for them to end, then
    SIGKILL. The signal is sent as the account itself, to every process it may signal (kill -1),
    which a process forking as fast as it can does not outrun. Returns the ids still running after
    SIGKILL; raises FileNotFoundError where setpriv is missing."""
    prefix = as_account(uid, gid)
    if prefix is None:
        raise FileNotFoundError("setpriv")
    for signal_name in ("TERM", "KILL"):
        if not account_processes(uid):
            break
        subprocess.run([*prefix, "kill", f"-{signal_name}", "--", "-1"], capture_output=True)
        deadline = time.monotonic() + grace
        while account_processes(uid) and time.monotonic() < deadline:
            time.sleep(0.1)
    return account_processes(uid)


def main(accounts):
    """Ends the processes of each "<uid>:<gid>" that has any; prints {"holding": [uid, ...], "setpriv": bool}."""
    pairs = [tuple(int(part) for part in account.split(":")) for account in accounts]
    holding = [uid for uid, _ in pairs if uid != 0 and account_processes(uid)]
    setpriv = shutil.which("setpriv") is not None
    if setpriv:
        for uid, gid in pairs:
            if uid in holding:
                end_account(uid, gid)
    print(json.dumps({"holding": holding, "setpriv": setpriv}))


if __name__ == "__main__":
    main(sys.argv[1:])

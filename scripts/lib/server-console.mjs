// What `npm start` and `npm run hub` share about the server they run in the foreground.

/**
 * Passes `child`'s stderr through and calls `onReady(match)` once, at the first text that
 * matches `pattern`; returns a function that says whether it has matched.
 */
export function announceWhenReady(child, pattern, onReady) {
  let announced = false;
  let pending = "";
  child.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (announced) return;
    pending += chunk.toString("utf8");
    const match = pending.match(pattern);
    if (match) {
      announced = true;
      pending = "";
      onReady(match);
    } else if (pending.length > 65536) {
      pending = pending.slice(-4096);
    }
  });
  return () => announced;
}

/**
 * Ctrl-C reaches the server directly (same process group) and it decides when to stop, so
 * we ignore it, unless `forwardInterrupt`: a server that stops at its first SIGINT (JupyterHub)
 * gets ours too, so that a SIGINT sent to this process alone (a supervisor's, `kill -INT`)
 * stops it as Ctrl-C does (JupyterLab asks for a second Ctrl-C, which a forwarded one would
 * answer). A SIGTERM to us is passed on. A SIGTERM to `npm start` or `npm run hub` does
 * not reach us (the shell between npm and us keeps it): when our parent is gone, the server
 * is stopped rather than left holding its ports.
 */
export function stopWithParent(child, { forwardInterrupt = false } = {}) {
  process.on("SIGINT", () => {
    if (forwardInterrupt) child.kill("SIGINT");
  });
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  // our output read by a program that has ended (`npm start | head`): node had thrown at the next
  // line written, and the server, left running without us, held the workspace (the next start refused
  // it) and its port. It is stopped instead, as a closed terminal stops it.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code !== "EPIPE") throw error;
      child.kill("SIGTERM");
    });
  }
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill("SIGTERM");
  }, 1000).unref();
}

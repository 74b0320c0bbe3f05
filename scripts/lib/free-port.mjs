// A TCP port that nothing listens on at the moment of asking.
import net from "node:net";

/** Resolves to `preferred` when it is free on `host`, else to a port the system picks. */
export function freePort({ preferred = 0, host = "127.0.0.1" } = {}) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", (error) => {
      if (preferred !== 0 && error.code === "EADDRINUSE") resolve(freePort({ host }));
      else reject(error);
    });
    server.listen(preferred, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The hub's address over IPv6, held by the hub. The hub listens on an IPv4 address (127.0.0.1, or
// 0.0.0.0 with --ip), and the same port on the IPv6 one (::1, or ::) was free for any account of the
// machine to listen on: a browser reaching `localhost` or `<user>.localhost` (--subdomain-host
// http://localhost:8000) tries ::1 first, and a student's process listening on [::1]:8000 got every
// request meant for the hub and the users' servers, their cookies with them, and could serve a login
// page of its own. So could one on [::]:8000 for the clients that reach a name with an IPv6 address.
// `npm run hub` now listens there itself and passes each connection on to the hub's IPv4 address (or, for
// a hub on one address of the machine, closes it: browsers go on to the IPv4 address).
import net from "node:net";

/**
 * The IPv6 address held for the IPv4 address `ip`: the loopback's (::1) for the loopback's, every
 * address (::) for every address and for one address of the machine (a name's IPv6 address leads to
 * any of the machine's), or undefined for what is not an IPv4 address.
 */
export const ipv6Twin = (ip) => (!net.isIPv4(ip) ? undefined : ip.startsWith("127.") ? "::1" : "::");

/** Whether connections to the twin of `ip` are passed on to the hub: not for one address of the machine, whose
 * twin (::) would open the hub on every IPv6 address; they are closed at once there, and browsers go on to IPv4. */
const relayed = (ip) => ip === "0.0.0.0" || ip.startsWith("127.");

/**
 * Listens on `ip`'s IPv6 twin at `port` (IPv6 only) and relays each connection to `ip`:`port` (127.0.0.1
 * for 0.0.0.0), or closes it (see relayed). Resolves to the server, or to undefined where there is no twin
 * or the machine has no IPv6; rejects, naming the fix, when another process holds the twin.
 */
export function holdIpv6Twin(ip, port) {
  const twin = ipv6Twin(ip);
  if (twin === undefined) return Promise.resolve(undefined);
  const target = ip === "0.0.0.0" ? "127.0.0.1" : ip;
  const server = net.createServer((client) => {
    if (!relayed(ip)) {
      client.destroy();
      return;
    }
    const hub = net.connect(port, target);
    client.pipe(hub).pipe(client);
    const end = () => {
      client.destroy();
      hub.destroy();
    };
    client.on("error", end);
    hub.on("error", end);
    client.on("close", end);
    hub.on("close", end);
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error) => {
      if (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT") resolve(undefined);
      else if (error.code === "EADDRINUSE") {
        reject(
          new Error(
            `port ${port} on ${twin}, the IPv6 address of ${ip}, is held by another process: browsers that reach the hub over IPv6 (localhost and *.localhost among them) ` +
              `would get that process instead, with the users' cookies. Stop it (ss -ltnp 'sport = :${port}' names it), or start the hub with another --port`,
          ),
        );
      } else reject(error);
    });
    server.listen({ host: twin, port, ipv6Only: true }, () => {
      server.unref();
      resolve(server);
    });
  });
}

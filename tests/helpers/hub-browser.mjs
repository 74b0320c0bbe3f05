// A browser on a running hub, over plain HTTP: it keeps its cookies, logs in on the login form and
// mints tokens as the hub's pages do. `hubUrl()` names the hub it talks to (a test may restart it).
import assert from "node:assert/strict";
import http from "node:http";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request as a browser sends it: `navigate` for a page or a form (the hub sets its _xsrf cookie
 * only on a navigation; node's fetch always says "cors" and may not say otherwise, so a login form's
 * token was signed anew each second, and a login whose form and post fell in two seconds was refused,
 * about one run in three under load). Resolves { status, location, cookies, text }.
 */
function send(hubUrl, method, pathname, { headers = {}, body, mode = "navigate" } = {}) {
  return new Promise((resolve, reject) => {
    // A connection of its own (agent: false): node's shared agent keeps idle connections 5 s, as long
    // as the hub's proxy does, and a request sent on one the proxy was closing got "socket hang up"
    // (ECONNRESET) where a browser would have retried; requests a few seconds apart met it.
    const request = http.request(new URL(pathname, hubUrl()), { method, agent: false, headers: { ...headers, "sec-fetch-mode": mode } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode,
          location: response.headers.location ?? "",
          cookies: response.headers["set-cookie"] ?? [],
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** A browser on the hub at hubUrl(): its cookies, sent with each request. */
export function hubBrowser(hubUrl) {
  const jar = new Map();
  const remember = (response) => {
    for (const line of response.cookies) {
      const [pair] = line.split(";");
      const [name, ...value] = pair.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name.trim());
      else jar.set(name.trim(), value.join("="));
    }
    return response;
  };
  const cookie = () => ({ cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") });
  return {
    async get(pathname) {
      return remember(await send(hubUrl, "GET", pathname, { headers: cookie() }));
    },
    /** Logs in on the hub's login form; true when the hub let the user in. */
    async logIn(name, password) {
      const form = (await this.get("/hub/login")).text;
      const xsrf = /name="_xsrf" value="([^"]+)"/.exec(form)?.[1];
      assert.ok(xsrf, "the login form carries its _xsrf token");
      assert.ok(jar.has("_xsrf"), "the login page sets the _xsrf cookie");
      // as a person types: the form's token holds past the second it was made in
      await sleep(1100);
      const response = remember(
        await send(hubUrl, "POST", "/hub/login", {
          headers: { ...cookie(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ username: name, password, _xsrf: xsrf }).toString(),
        }),
      );
      this.lastLogin = `${response.status} ${response.location} ${response.status === 302 ? "" : response.text.slice(0, 300)}`;
      return response.status === 302 && !/\/hub\/login/.test(response.location);
    },
    /** A token made through the hub's API in this browser's session (as the token page's script does). */
    async mintToken(name) {
      await this.get("/hub/token");
      const response = remember(
        await send(hubUrl, "POST", `/hub/api/users/${name}/tokens`, {
          mode: "cors",
          headers: { ...cookie(), "content-type": "application/json", "x-xsrftoken": jar.get("_xsrf") ?? "" },
          body: JSON.stringify({ note: "kept" }),
        }),
      );
      assert.equal(response.status, 201, response.text);
      return JSON.parse(response.text).token;
    },
    /** Forgets the cookies whose names match `pattern` (a user's server's session: its next page asks the hub again). */
    forgetCookies(pattern) {
      for (const name of [...jar.keys()]) if (pattern.test(name)) jar.delete(name);
    },
    /** Whether /hub/home opens (200) or sends to the login page. */
    async inside() {
      return (await this.get("/hub/home")).status === 200;
    },
  };
}

/** Until the hub's API answers: the console's "running" line can come before the hub takes logins. */
export async function hubAnswers(hubUrl) {
  for (let tries = 0; tries < 100; tries++) {
    const status = await fetch(`${hubUrl()}/hub/api`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the hub at ${hubUrl()} did not answer on /hub/api`);
}


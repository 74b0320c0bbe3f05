// `npm start`'s second half: scripts/lab.mjs serves JupyterLab on notebooks/ from the
// project environment, prints the URL, offers the TypeScript kernel by default and
// ships plotly's renderer.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { after, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let lab = null;
after(() => {
  if (lab && lab.exitCode === null) lab.kill("SIGTERM");
});

function startLab(port) {
  lab = spawn(process.execPath, [fromRoot("scripts", "lab.mjs"), "--no-browser", `--port=${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  lab.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    lab.stdout.on("data", (chunk) => {
      stdout += chunk;
      const url = stdout.match(/JupyterLab is running at (\S+)/);
      if (url) resolve(new URL(url[1]));
    });
    lab.on("exit", (code) => reject(new Error(`lab.mjs exited (${code}) before printing the URL:\n${stdout}\n${stderr}`)));
  });
}

test("lab.mjs starts JupyterLab, prints its URL, and defaults to the TypeScript kernel", async () => {
  const port = await freePort();
  const url = await startLab(port);
  assert.equal(url.port, String(port));
  assert.equal(url.pathname, "/lab");
  const token = url.searchParams.get("token");
  const api = (p) => fetch(`http://127.0.0.1:${port}${p}`, { headers: { Authorization: `token ${token}` } });

  const specs = await (await api("/api/kernelspecs")).json();
  assert.equal(specs.default, "tslab");
  assert.equal(specs.kernelspecs.tslab.spec.language, "typescript");

  const listed = (await (await api("/api/contents")).json()).content.map((entry) => entry.name).sort();
  // Jupyter hides dot files and its default hide_globs.
  const hidden = (name) => name.startsWith(".") || name === "__pycache__" || /\.(pyc|pyo|so|dylib)$|~$/.test(name);
  const visible = fs.readdirSync(notebooksDir).filter((name) => !hidden(name)).sort();
  assert.deepEqual(listed, visible, "the server's root is notebooks/");

  const page = await (await api("/lab")).text();
  assert.match(page, /jupyterlab-plotly/, "plotly's renderer is among the page's extensions");
});

import * as tf from "@tensorflow/tfjs-core";

export const BACKEND_NAMES = ["wasm", "tensorflow", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export type LoadedBackend =
  | { ok: true; name: BackendName; version: string }
  | { ok: false; name: BackendName; problem: string };

const PACKAGES: Record<BackendName, string> = {
  wasm: "@tensorflow/tfjs-backend-wasm",
  tensorflow: "@tensorflow/tfjs-node",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

/** Registers a backend's package with our tfjs-core and makes it the active backend. */
export async function loadBackend(name: BackendName): Promise<LoadedBackend> {
  const pkg = PACKAGES[name];
  if (name === "tensorflow") {
    // libtensorflow logs to stderr at start-up unless told otherwise.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
  }
  let module: Record<string, unknown>;
  try {
    module = require(pkg);
  } catch (error) {
    const missing = isModuleNotFound(error, pkg);
    return {
      ok: false,
      name,
      problem: missing ? `${pkg} is not installed.` : `${pkg} is installed but failed to load: ${firstLine(error)}.`,
    };
  }
  if (tf.findBackendFactory(name) == null) {
    return {
      ok: false,
      name,
      problem:
        `${pkg} loaded but did not register the "${name}" backend with this copy of @tensorflow/tfjs-core ` +
        `${tf.version_core}; install ${pkg} at the same version as @tensorflow/tfjs-core.`,
    };
  }
  let started: boolean;
  try {
    started = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    return { ok: false, name, problem: `${pkg} is installed but its backend failed to start: ${firstLine(error)}.` };
  }
  if (!started || tf.getBackend() !== name) {
    return { ok: false, name, problem: `${pkg} is installed but its backend failed to start.` };
  }
  return { ok: true, name, version: `${pkg.replace("@tensorflow/", "")} ${packageVersion(module, pkg)}` };
}

function isModuleNotFound(error: unknown, pkg: string): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "MODULE_NOT_FOUND" && typeof e.message === "string" && e.message.includes(`'${pkg}'`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].replace(/\.$/, "");
}

function packageVersion(module: Record<string, unknown>, pkg: string): string {
  for (const key of ["version_wasm", "version_cpu", "version"]) {
    const value = module[key];
    if (typeof value === "string") return value;
    if (value !== null && typeof value === "object") {
      const nested = (value as Record<string, unknown>)["tfjs-node"];
      if (typeof nested === "string") return nested;
    }
  }
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return "(unknown version)";
  }
}

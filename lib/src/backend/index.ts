import * as tf from "@tensorflow/tfjs-core";
// tfjs-core's CommonJS build registers neither the ops' gradients nor the chained methods
// (`t.mean()`); the union package registers both with the one shared tfjs-core when it loads.
// Loaded with require, not `import "…"`: a side-effect import stays in the declaration file, and
// every kernel would then compile the union package's typings with its first `import … "neural-mi"`.
require("@tensorflow/tfjs");
import { registerMatMulGradient } from "../fast/matmul-gradient";
import { loadBackend, BACKEND_NAMES, type BackendName, type LoadedBackend } from "./load";
import { checkKnownOptions, describeValue } from "../data/checks";

// after @tensorflow/tfjs registered its gradients: matMul's with explicit transposes on WASM,
// where products with transpose flags are slow (bench/README.md)
registerMatMulGradient();

export type { BackendName } from "./load";

/** Which TensorFlow.js backend the library runs on, and why it was chosen. */
export interface BackendInfo {
  readonly name: BackendName;
  readonly reason: string;
  /** Versions of tfjs-core and of the backend package, e.g. "tfjs-core 4.22.0, tfjs-backend-wasm 4.22.0". */
  readonly version: string;
  /**
   * One sentence for a reader, e.g. "TensorFlow.js computes on WebAssembly (the default;
   * the native @tensorflow/tfjs-node is not installed)."
   */
  readonly description: string;
}

export interface InitOptions {
  /** Force a backend. The environment variable NEURAL_MI_BACKEND, when set, takes precedence. */
  backend?: BackendName;
}

export const BACKEND_ENV_VARIABLE = "NEURAL_MI_BACKEND";

let active: BackendInfo | undefined;
let choosing: Promise<BackendInfo> | undefined;

/**
 * Chooses the backend once per process: NEURAL_MI_BACKEND, else `opts.backend`, else
 * "tensorflow" (@tensorflow/tfjs-node) when it is installed and loads, else "wasm".
 * Calling it again returns the same info; asking for a different backend later is an error.
 * Prints nothing to stderr.
 */
export async function init(opts: InitOptions = {}): Promise<BackendInfo> {
  const request = requestedBackend(opts);
  if (choosing === undefined) {
    choosing = choose(request);
    choosing.then(
      (info) => (active = info),
      () => (choosing = undefined),
    );
  }
  const info = await choosing;
  if (request !== undefined && request.name !== info.name) {
    throw new Error(
      `neural-mi: the backend is already "${info.name}" (${info.reason}) and is chosen once per process; ` +
        `restart the kernel or process to use "${request.name}".`,
    );
  }
  return info;
}

/** The active backend; throws when `init()` has not been awaited yet. */
export function backendInfo(): BackendInfo {
  return requireBackend();
}

/** Guard for every function that makes tensors. */
export function requireBackend(): BackendInfo {
  if (active === undefined) {
    throw new Error("neural-mi: the backend is not ready; run `await init()` first");
  }
  return active;
}

interface Request {
  name: BackendName;
  source: string;
}

function requestedBackend(opts: InitOptions): Request | undefined {
  if (opts === null || typeof opts !== "object") {
    const named = typeof opts === "string" && (BACKEND_NAMES as readonly string[]).includes(opts) ? `; pass { backend: ${JSON.stringify(opts)} }` : "";
    throw new Error(`neural-mi: init(opts) expects an object such as { backend: "wasm" }, got ${describeValue(opts)}${named}.`);
  }
  // a misspelt name ({ backnd: "cpu" }) was dropped, and the default backend chosen for the rest of the process
  checkKnownOptions(opts, ["backend"], "init(opts)");
  const fromEnv = process.env[BACKEND_ENV_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== "") {
    return { name: checkName(fromEnv, `the environment variable ${BACKEND_ENV_VARIABLE}`), source: `${BACKEND_ENV_VARIABLE}=${fromEnv}` };
  }
  if (opts.backend !== undefined) {
    return { name: checkName(opts.backend, "init({ backend })"), source: `init({ backend: "${opts.backend}" })` };
  }
  return undefined;
}

function checkName(name: unknown, where: string): BackendName {
  if (typeof name === "string" && (BACKEND_NAMES as readonly string[]).includes(name)) return name as BackendName;
  throw new Error(
    `neural-mi: ${where} is ${JSON.stringify(name)}; use one of ${BACKEND_NAMES.map((n) => `"${n}"`).join(", ")}.`,
  );
}

async function choose(request: Request | undefined): Promise<BackendInfo> {
  // PROD silences tfjs's console warnings (the cpu backend greets Node users on stderr).
  tf.env().set("PROD", true);
  if (request !== undefined) {
    const loaded = await loadBackend(request.name);
    if (!loaded.ok) {
      throw new Error(`neural-mi: cannot use the "${request.name}" backend asked for by ${request.source}: ${loaded.problem}`);
    }
    return describe(loaded, `asked for by ${request.source}`);
  }
  const native = await loadBackend("tensorflow");
  if (native.ok) return describe(native, "@tensorflow/tfjs-node is installed and loads (default when available)", "the default when it is installed");
  const wasm = await loadBackend("wasm");
  if (!wasm.ok) {
    throw new Error(`neural-mi: no backend could start. tensorflow: ${native.problem} wasm: ${wasm.problem}`);
  }
  const nativeMissing = /is not installed/.test(native.problem);
  return describe(
    wasm,
    `default (${native.problem})`,
    nativeMissing ? "the default; the optional native @tensorflow/tfjs-node is not installed" : `the default; the native backend did not start: ${native.problem}`,
  );
}

const BACKEND_WORDS: Record<BackendName, string> = {
  wasm: "WebAssembly",
  tensorflow: "the native TensorFlow library (@tensorflow/tfjs-node)",
  cpu: "plain JavaScript, the slow cpu backend",
};

function describe(loaded: LoadedBackend & { ok: true }, reason: string, why = reason): BackendInfo {
  const description = `TensorFlow.js computes on ${BACKEND_WORDS[loaded.name]} (${why}).`;
  return Object.freeze({ name: loaded.name, reason, version: `tfjs-core ${tf.version_core}, ${loaded.version}`, description });
}


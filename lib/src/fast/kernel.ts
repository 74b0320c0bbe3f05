import * as fs from "fs";
import * as path from "path";
import { refuseWhileTested } from "../estimators/reference-guard";

// The few WebAssembly names used here (lib has no DOM types, where they live).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
};

/** The functions of lib/assembly/mlp.ts, as compiled to dist/fast/mlp.wasm (pointers are byte offsets). */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  parameterCount(inputs: number, hp: number): number;
  forward(params: number, inputs: number, hp: number, x: number, rows: number, a1: number, a2: number, t: number): void;
  backward(
    params: number, grads: number, inputs: number, hp: number, x: number, rows: number,
    a1: number, a2: number, dT: number, d2: number, d1: number, w2t: number,
  ): void;
  adam(
    p: number, g: number, m: number, v: number, count: number, lr: number,
    beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, eps: number, c1: number, c2: number,
  ): void;
}

export type KernelStatus = { available: true } | { available: false; reason: string };

export const KERNEL_FILE = path.join(__dirname, "mlp.wasm");

let compiled: WasmModule | undefined;
let status: KernelStatus | undefined;

/**
 * Whether the fused kernel can run here: its WebAssembly file is built
 * (`npm run build:fast -w lib`) and this runtime validates WebAssembly SIMD.
 */
export function kernelStatus(): KernelStatus {
  if (status === undefined) status = compile();
  return status;
}

/** A fresh instance with its own memory (one per network). */
export function instantiateKernel(): KernelExports {
  const state = kernelStatus();
  if (!state.available) throw new Error(`neural-mi: the fused training kernel is unavailable: ${state.reason}`);
  const instance = new WebAssembly.Instance(compiled as WasmModule, { env: { abort: kernelAbort } });
  return guarded(instance.exports as unknown as KernelExports);
}

/**
 * The instance's functions, its forward pass refusing while a test refuses "Net.forward" (the
 * standard network's forward, as `Net.forward` computes it), and so its backward pass, which
 * reads what forward left. The refusal sits here, on the kernel's own entry points, and not only
 * in FusedNet's methods: TypeScript's `private` hides nothing at run time, so a cell that made a
 * trainer could call its FusedNet's `kernel.forward` with weights of its own, the library's
 * forward pass for a student's network.
 */
function guarded(kernel: KernelExports): KernelExports {
  return Object.freeze({
    memory: kernel.memory,
    heapBase: () => kernel.heapBase(),
    parameterCount: (inputs: number, hp: number) => kernel.parameterCount(inputs, hp),
    forward(...args: Parameters<KernelExports["forward"]>): void {
      refuseWhileTested("Net.forward");
      kernel.forward(...args);
    },
    backward(...args: Parameters<KernelExports["backward"]>): void {
      refuseWhileTested("Net.forward");
      kernel.backward(...args);
    },
    adam: (...args: Parameters<KernelExports["adam"]>) => kernel.adam(...args),
  });
}

function compile(): KernelStatus {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(KERNEL_FILE);
  } catch {
    return { available: false, reason: `${KERNEL_FILE} is missing; build it with \`npm run build:fast -w lib\`.` };
  }
  try {
    compiled = new WebAssembly.Module(bytes);
  } catch (error) {
    return {
      available: false,
      reason: `this runtime cannot compile ${KERNEL_FILE} (WebAssembly SIMD is needed, Node ≥ 16.4): ${(error as Error).message}`,
    };
  }
  return { available: true };
}

function kernelAbort(): never {
  throw new Error("neural-mi: the fused training kernel aborted.");
}

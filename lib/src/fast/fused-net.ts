import * as tf from "@tensorflow/tfjs-core";
import { refuseWhileTested } from "../estimators/reference-guard";
import { instantiateKernel, type KernelExports } from "./kernel";
import { gatherRows, type RowPart } from "./rows";

/**
 * A minibatch loss as a function of the network's outputs t on the joint rows and on the
 * reference rows: writes ∂loss/∂t into gJoint and gRef and returns the loss. The trainers
 * declare theirs beside their tensor form (lib/src/estimators/bounds.ts, MINE's in
 * mine-trainer.ts).
 */
export type LossGradient = (tJoint: Float32Array, tRef: Float32Array, gJoint: Float32Array, gRef: Float32Array) => number;

/** Rows to gather: row k joins, part by part, each part's selected row. */
export interface RowSelection {
  readonly parts: readonly RowPart[];
  readonly count: number;
}

/** A dense layer as the library's `Dense` holds it: weight [in, out], bias [out]. */
interface LayerVariables {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

/** The shape of the standard `Net`: fc1 (inputs → hidden), fc2 (hidden → hidden), fc3 (hidden → 1), ELU between. */
export interface StandardNetLayers {
  readonly fc1: LayerVariables;
  readonly fc2: LayerVariables;
  readonly fc3: LayerVariables;
}

export interface AdamSettings {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

const FLOAT = 4;
const PAGE = 65536;

function roundUp4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/**
 * Whether `net` can be trained by the fused kernel: it has the standard layers with
 * consistent shapes and computes the standard forward pass (`forward` is
 * `standardForward`, i.e. not overridden).
 */
export function canFuse(net: unknown, standardForward: unknown): net is StandardNetLayers {
  const candidate = net as Partial<StandardNetLayers> & { forward?: unknown; variables?: unknown };
  if (candidate === null || typeof candidate !== "object" || candidate.forward !== standardForward) return false;
  const { fc1, fc2, fc3 } = candidate;
  if (!fc1 || !fc2 || !fc3) return false;
  const [inputs, hidden] = fc1.weight.shape as number[];
  const shapes = [fc1.bias.shape, fc2.weight.shape, fc2.bias.shape, fc3.weight.shape, fc3.bias.shape].map((s) => s.join("x"));
  const expected = [`${hidden}`, `${hidden}x${hidden}`, `${hidden}`, `${hidden}x1`, "1"];
  return inputs > 0 && shapes.every((s, i) => s === expected[i]) && Array.isArray(candidate.variables) && candidate.variables.length === 6;
}

/**
 * The standard network's parameters and Adam state in a WebAssembly instance of their
 * own, with one call per training step: forward on the joint and reference rows stacked,
 * the loss's output gradient in JavaScript, backward, and Adam, all on float32.
 *
 * The tf.Variables of the network stay the source of truth between calls to a trainer's
 * `step`: `pull` copies them in, `push` writes the trained values back. The instance
 * holds no tensors; its memory goes with the object.
 */
export class FusedNet {
  readonly inputs: number;
  readonly hidden: number;
  private readonly hp: number;
  private readonly kernel: KernelExports;
  private readonly count: number;
  private readonly params: number;
  private readonly grads: number;
  private readonly firstMoment: number;
  private readonly secondMoment: number;
  private readonly w2t: number;
  private readonly rowsStart: number;
  private capacity = 0;
  private x = 0;
  private a1 = 0;
  private a2 = 0;
  private d1 = 0;
  private d2 = 0;
  private t = 0;
  private dT = 0;
  private readonly adam: Required<AdamSettings>;
  private accBeta1: number;
  private accBeta2: number;
  /** Adam steps taken. */
  steps = 0;

  constructor(private readonly net: StandardNetLayers, adam: AdamSettings) {
    [this.inputs, this.hidden] = net.fc1.weight.shape as number[];
    this.hp = roundUp4(this.hidden);
    this.adam = {
      learningRate: adam.learningRate,
      beta1: adam.beta1 ?? 0.9,
      beta2: adam.beta2 ?? 0.999,
      epsilon: adam.epsilon ?? 1e-8,
    };
    this.accBeta1 = Math.fround(this.adam.beta1);
    this.accBeta2 = Math.fround(this.adam.beta2);
    this.kernel = instantiateKernel();
    this.count = this.kernel.parameterCount(this.inputs, this.hp);
    let next = Math.ceil(this.kernel.heapBase() / 16) * 16;
    const take = (floats: number): number => {
      const at = next;
      next += roundUp4(floats) * FLOAT;
      return at;
    };
    this.params = take(this.count);
    this.grads = take(this.count);
    this.firstMoment = take(this.count);
    this.secondMoment = take(this.count);
    this.w2t = take(this.hp * this.hp);
    this.rowsStart = next;
    this.reserveRows(256);
    this.pull();
  }

  /**
   * The input buffer for the next `rows` rows (inputs floats each, row-major), to be
   * filled before `trainStep` or `outputs`. Valid until the next call on this object.
   */
  inputRows(rows: number): Float32Array {
    this.reserveRows(rows);
    return new Float32Array(this.kernel.memory.buffer, this.x, rows * this.inputs);
  }

  /**
   * One training step on the rows in the input buffer: the first `joint` are the joint
   * batch, the next `reference` the reference batch. Returns the loss.
   */
  trainStep(joint: number, reference: number, lossGradient: LossGradient): number {
    // its forward pass is the standard network's, which a test's guard may be refusing
    refuseWhileTested("Net.forward");
    const rows = joint + reference;
    this.reserveRows(rows);
    const k = this.kernel;
    k.forward(this.params, this.inputs, this.hp, this.x, rows, this.a1, this.a2, this.t);
    const buffer = k.memory.buffer;
    const loss = lossGradient(
      new Float32Array(buffer, this.t, joint),
      new Float32Array(buffer, this.t + joint * FLOAT, reference),
      new Float32Array(buffer, this.dT, joint),
      new Float32Array(buffer, this.dT + joint * FLOAT, reference),
    );
    if (!Number.isFinite(loss)) return loss;
    k.backward(this.params, this.grads, this.inputs, this.hp, this.x, rows, this.a1, this.a2, this.dT, this.d2, this.d1, this.w2t);
    this.applyAdam();
    return loss;
  }

  /** `trainStep` on gathered rows: the joint batch, then the reference batch. */
  trainOn(joint: RowSelection, reference: RowSelection, lossGradient: LossGradient): number {
    const input = this.inputRows(joint.count + reference.count);
    gatherRows(input, this.inputs, 0, joint.count, joint.parts);
    gatherRows(input, this.inputs, joint.count, reference.count, reference.parts);
    return this.trainStep(joint.count, reference.count, lossGradient);
  }

  /** t on gathered rows (a copy). */
  outputsOn(selection: RowSelection): Float32Array {
    gatherRows(this.inputRows(selection.count), this.inputs, 0, selection.count, selection.parts);
    return this.outputs(selection.count);
  }

  /** t on the first `rows` rows of the input buffer (a copy). */
  outputs(rows: number): Float32Array {
    refuseWhileTested("Net.forward");
    this.reserveRows(rows);
    this.kernel.forward(this.params, this.inputs, this.hp, this.x, rows, this.a1, this.a2, this.t);
    return new Float32Array(this.kernel.memory.buffer, this.t, rows).slice();
  }

  /** The parameters as they are now, in the network's variable order and shapes (flat copies). */
  parameters(): Float32Array[] {
    return this.unpack(this.params);
  }

  /** The gradient of the last `trainStep`, in the network's variable order and shapes (flat). */
  gradients(): Float32Array[] {
    return this.unpack(this.grads);
  }

  /** Copies the network's variables into the kernel. */
  pull(): void {
    this.pack(this.params, this.layerVariables().map((v) => v.dataSync() as Float32Array));
  }

  /**
   * One Adam step with gradients computed elsewhere (in the network's variable order and
   * shapes, flat; undefined: zero), as `trainStep` takes with its own.
   */
  applyGradients(grads: readonly (Float32Array | undefined)[]): void {
    const sizes = this.layerVariables().map((v) => v.size);
    this.pack(this.grads, sizes.map((size, i) => grads[i] ?? new Float32Array(size)));
    this.applyAdam();
  }

  /** Writes [W1, b1, W2, b2, W3, b3] (flat, the network's shapes) into the kernel's layout at `offset`. */
  private pack(offset: number, values: readonly Float32Array[]): void {
    const memory = new Float32Array(this.kernel.memory.buffer, offset, this.count);
    const { inputs, hidden, hp } = this;
    const [w1, b1, w2, b2, w3, b3] = values;
    memory.fill(0);
    for (let i = 0; i < inputs; i++) memory.set(w1.subarray(i * hidden, (i + 1) * hidden), i * hp);
    let at = inputs * hp;
    memory.set(b1, at);
    at += hp;
    for (let i = 0; i < hidden; i++) memory.set(w2.subarray(i * hidden, (i + 1) * hidden), at + i * hp);
    at += hp * hp;
    memory.set(b2, at);
    at += hp;
    memory.set(w3, at);
    at += hp;
    memory[at] = b3[0];
  }

  /** Writes the kernel's parameters back into the network's variables. */
  push(): void {
    const values = this.unpack(this.params);
    tf.tidy(() => this.layerVariables().forEach((v, i) => v.assign(tf.tensor(values[i], v.shape))));
  }

  private layerVariables(): tf.Variable[] {
    const { fc1, fc2, fc3 } = this.net;
    return [fc1.weight, fc1.bias, fc2.weight, fc2.bias, fc3.weight, fc3.bias];
  }

  private unpack(offset: number): Float32Array[] {
    const block = new Float32Array(this.kernel.memory.buffer, offset, this.count);
    const { inputs, hidden, hp } = this;
    const w1 = new Float32Array(inputs * hidden);
    for (let i = 0; i < inputs; i++) w1.set(block.subarray(i * hp, i * hp + hidden), i * hidden);
    let at = inputs * hp;
    const b1 = block.slice(at, at + hidden);
    at += hp;
    const w2 = new Float32Array(hidden * hidden);
    for (let i = 0; i < hidden; i++) w2.set(block.subarray(at + i * hp, at + i * hp + hidden), i * hidden);
    at += hp * hp;
    const b2 = block.slice(at, at + hidden);
    at += hp;
    const w3 = block.slice(at, at + hidden);
    at += hp;
    const b3 = block.slice(at, at + 1);
    return [w1, b1, w2, b2, w3, b3];
  }

  private applyAdam(): void {
    const { learningRate, beta1, beta2, epsilon } = this.adam;
    // As TensorFlow.js: bias corrections from β^t accumulated in float32
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    this.kernel.adam(
      this.params, this.grads, this.firstMoment, this.secondMoment, this.count, learningRate,
      beta1, beta2, Math.fround(1 - beta1), Math.fround(1 - beta2), epsilon, c1, c2,
    );
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(beta2));
    this.steps += 1;
  }

  /** Makes room for `rows` rows in the row buffers (their contents are scratch). */
  private reserveRows(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, 2 * this.capacity);
    const row = roundUp4(capacity) * FLOAT;
    let next = this.rowsStart;
    const take = (bytes: number): number => {
      const at = next;
      next += Math.ceil(bytes / 16) * 16;
      return at;
    };
    this.x = take(capacity * this.inputs * FLOAT);
    this.a1 = take(capacity * this.hp * FLOAT);
    this.a2 = take(capacity * this.hp * FLOAT);
    this.d1 = take(capacity * this.hp * FLOAT);
    this.d2 = take(capacity * this.hp * FLOAT);
    this.t = take(row);
    this.dT = take(row);
    const memory = this.kernel.memory;
    if (next > memory.buffer.byteLength) memory.grow(Math.ceil((next - memory.buffer.byteLength) / PAGE));
    this.capacity = capacity;
  }
}

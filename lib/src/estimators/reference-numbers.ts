import { checkPositiveInteger, describeValue, fail } from "../data/checks";
import { NetLayers, type NetWeights } from "./net";
import { refuseWhileTested } from "./reference-guard";

/**
 * The library's Net and MINE loss computed on plain numbers (float64, in JavaScript), for the
 * course's tests to compare a student's TensorFlow.js code with. A reference computed on the
 * kernel's TensorFlow.js backend shares that backend's memory with the student's earlier cells,
 * which can write it: zeroing a few bytes of the WebAssembly backend's state made every matrix
 * product return zeros, so the library's forward and a forward returning zeros agreed, and a wrong
 * loss matched the library's computed on the same broken operations. Numbers computed here do not
 * go through TensorFlow.js, so a broken backend makes the student's results differ from them.
 * Each refuses, as the implementation it stands for, while a test runs the student's code.
 */

interface Layer {
  weight: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
}

/**
 * The network's layers as numbers, their sizes taken from the network's own `inputSize` and
 * `hiddenSize`, never from its variables: a variable is reachable from any cell (through the
 * engine), and an answer that set the test's reference's last weight to shape [0, 1] and size 0
 * had the test draw it no weights and the reference output its bias alone, which a forward
 * returning the bias matched. A variable whose values do not fill its layer fails.
 *
 * Given plain weights (`initialNetWeights`, or numbers a test drew), nothing is read from
 * TensorFlow.js: a network's variables are read back through the backend's memory, whose allocator
 * a cell can call (a block freed twice had it hand out one address to three of a network's
 * variables, and the reference read numbers the network never held).
 */
function layersOf(net: NetLayers | NetWeights): Layer[] {
  // no network at all read `undefined.inputSize`
  if (net === null || typeof net !== "object") fail(`the reference network must be a Net or its weights { inputSize, hiddenSize, values }, got ${describeValue(net)}.`);
  if (!(net instanceof NetLayers)) {
    checkPositiveInteger(net.inputSize, "the reference's inputSize");
    checkPositiveInteger(net.hiddenSize, "the reference's hiddenSize");
  }
  const sizes = [
    [net.inputSize, net.hiddenSize],
    [net.hiddenSize, net.hiddenSize],
    [net.hiddenSize, 1],
  ];
  const values: ArrayLike<number>[] =
    net instanceof NetLayers ? [net.fc1, net.fc2, net.fc3].flatMap((dense) => [dense.weight.dataSync(), dense.bias.dataSync()]) : Array.from(net.values ?? []);
  if (values.length !== 6) fail(`the reference network's weights must be its 6 variables' values (weight and bias of 3 layers), got ${values.length}.`);
  return sizes.map(([inputs, outputs], k) => {
    const weight = Float64Array.from(values[2 * k]);
    const bias = Float64Array.from(values[2 * k + 1]);
    if (weight.length !== inputs * outputs || bias.length !== outputs || weight.some((v) => !Number.isFinite(v)) || bias.some((v) => !Number.isFinite(v))) {
      fail(`the reference network's layer ${k + 1} does not hold ${inputs}×${outputs} finite weights and ${outputs} biases: its variables were changed.`);
    }
    return { weight, bias, inputs, outputs };
  });
}

/** Each row of `inputs` joined side by side, checked against the network's input size. */
function joinedRows(net: NetLayers | NetWeights, inputs: readonly (readonly (readonly number[])[])[]): number[][] {
  const rows = inputs[0]?.length ?? 0;
  if (inputs.length === 0 || inputs.some((part) => !Array.isArray(part) || part.length !== rows)) {
    fail("the reference needs one or more arrays of rows, all with the same number of rows.");
  }
  const joined = Array.from({ length: rows }, (_, i) => inputs.flatMap((part) => Array.from(part[i])));
  if (joined.some((row) => row.length !== net.inputSize || row.some((v) => typeof v !== "number"))) {
    fail(`the reference's rows must have ${net.inputSize} numbers in all (the network's inputSize).`);
  }
  return joined;
}

const elu = (z: number) => (z > 0 ? z : Math.expm1(z));
const eluSlope = (z: number) => (z > 0 ? 1 : Math.exp(z));

/** The pre-activations of each layer for one row, and the output t. */
function forwardRow(layers: Layer[], row: readonly number[]): { pre: Float64Array[]; t: number } {
  const pre: Float64Array[] = [];
  let input: ArrayLike<number> = row;
  for (const [k, layer] of layers.entries()) {
    const z = Float64Array.from(layer.bias);
    for (let i = 0; i < layer.inputs; i++) {
      const v = input[i];
      if (v === 0) continue;
      for (let j = 0; j < layer.outputs; j++) z[j] += v * layer.weight[i * layer.outputs + j];
    }
    pre.push(z);
    input = k < layers.length - 1 ? z.map(elu) : z;
  }
  return { pre, t: pre[pre.length - 1][0] };
}

/** Adds ∂(slope·t)/∂θ for one row to `gradients` (fc1.weight, fc1.bias, … fc3.bias). */
function backwardRow(layers: Layer[], row: readonly number[], pre: Float64Array[], slope: number, gradients: Float64Array[]): void {
  let upstream = Float64Array.of(slope);
  for (let k = layers.length - 1; k >= 0; k--) {
    const layer = layers[k];
    const input: ArrayLike<number> = k === 0 ? row : pre[k - 1].map(elu);
    const weightGradient = gradients[2 * k];
    const biasGradient = gradients[2 * k + 1];
    for (let j = 0; j < layer.outputs; j++) biasGradient[j] += upstream[j];
    for (let i = 0; i < layer.inputs; i++) for (let j = 0; j < layer.outputs; j++) weightGradient[i * layer.outputs + j] += input[i] * upstream[j];
    if (k === 0) break;
    const below = new Float64Array(layer.inputs);
    for (let i = 0; i < layer.inputs; i++) {
      let sum = 0;
      for (let j = 0; j < layer.outputs; j++) sum += layer.weight[i * layer.outputs + j] * upstream[j];
      below[i] = sum * eluSlope(pre[k - 1][i]);
    }
    upstream = below;
  }
}

/** The library's Net forward, t(x, y) = fc3(ELU(fc2(ELU(fc1([x, y]))))), of `net`'s weights (or plain weights) on plain numbers. */
export function referenceOutputs(net: NetLayers | NetWeights, ...inputs: number[][][]): Float64Array {
  refuseWhileTested("Net.forward");
  const layers = layersOf(net);
  return Float64Array.from(joinedRows(net, inputs), (row) => forwardRow(layers, row).t);
}

/**
 * The gradient of the mean of t over the rows with respect to the network's variables (in
 * `net.variables`' order), on plain numbers: what training follows through a forward pass, which
 * values read out of TensorFlow.js and made into a tensor again carry no longer. It runs the
 * network (the last layer's weight gradient of one row is that row's last hidden layer), and sums
 * of it weighed by e^t are MINE's loss gradient, so it refuses as both.
 */
export function referenceOutputGradients(net: NetLayers | NetWeights, ...inputs: number[][][]): Float64Array[] {
  refuseWhileTested("Net.forward");
  refuseWhileTested("MINETrainer.loss");
  const layers = layersOf(net);
  const rows = joinedRows(net, inputs);
  const gradients = layers.flatMap((layer) => [new Float64Array(layer.weight.length), new Float64Array(layer.bias.length)]);
  for (const row of rows) backwardRow(layers, row, forwardRow(layers, row).pre, 1 / rows.length, gradients);
  return gradients;
}

/**
 * MINETrainer's loss on one minibatch, −mean t(x, y) + mean e^{t(x', y')} / m̄, with the moving
 * average m̄ = β·m + (1 − β)·mean e^{t'} updated first, on plain numbers; and its gradient with
 * respect to the network's variables (in `net.variables`' order) with m̄ held constant.
 */
export function referenceMINELoss(
  net: NetLayers | NetWeights,
  batch: { x: number[][]; y: number[][]; xRef: number[][]; yRef: number[][] },
  average: { beta: number; m: number },
): { loss: number; m: number; gradients: Float64Array[] } {
  refuseWhileTested("MINETrainer.loss");
  // it runs the network's forward pass too: with β = 0 and a batch of one row joined to itself the
  // loss is 1 − t of that row, which a forward under test read for every row of its batch
  refuseWhileTested("Net.forward");
  const layers = layersOf(net);
  const joint = joinedRows(net, [batch.x, batch.y]).map((row) => ({ row, ...forwardRow(layers, row) }));
  const reference = joinedRows(net, [batch.xRef, batch.yRef]).map((row) => ({ row, ...forwardRow(layers, row) }));
  const largest = Math.max(...reference.map((r) => r.t));
  const meanExp = Math.exp(largest) * (reference.reduce((sum, r) => sum + Math.exp(r.t - largest), 0) / reference.length);
  const m = (1 - average.beta) * meanExp + average.beta * average.m;
  const loss = -joint.reduce((sum, r) => sum + r.t, 0) / joint.length + meanExp / m;
  const gradients = layers.flatMap((layer) => [new Float64Array(layer.weight.length), new Float64Array(layer.bias.length)]);
  for (const r of joint) backwardRow(layers, r.row, r.pre, -1 / joint.length, gradients);
  for (const r of reference) backwardRow(layers, r.row, r.pre, Math.exp(r.t) / (reference.length * m), gradients);
  return { loss, m, gradients };
}

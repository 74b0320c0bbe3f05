import * as tf from "@tensorflow/tfjs-core";

/**
 * The CommonJS build of tfjs-core registers no gradients (the full @tensorflow/tfjs bundle
 * does). These are the derivatives of the kernels that statistics networks, the bounds and
 * the course's exercises use, registered only where none is registered yet.
 */

type Grad = () => tf.Tensor;
type GradMap = Record<string, Grad> | Grad[];
type Attrs = Record<string, unknown>;

interface Rule {
  kernelName: string;
  inputsToSave?: string[];
  saveAllInputs?: boolean;
  outputsToSave?: boolean[];
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[], attrs: Attrs) => GradMap;
}

/** Sums dy over the axes broadcasting added, so that it takes `shape`. */
function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  if (sameShape(dy.shape, shape)) return tf.clone(dy);
  const offset = dy.rank - shape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < dy.rank; axis++) {
    const inputDim = axis < offset ? 1 : shape[axis - offset];
    if (inputDim === 1 && (dy.shape[axis] !== 1 || axis < offset)) axes.push(axis);
  }
  const summed = axes.length > 0 ? tf.sum(dy, axes, true) : dy;
  return tf.reshape(summed, shape);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The reduced axes as non-negative, sorted indices (all axes when `axis` is null or empty). */
function reducedAxes(axis: unknown, rank: number): number[] {
  const list = axis === null || axis === undefined ? [] : Array.isArray(axis) ? (axis as number[]) : [axis as number];
  if (list.length === 0) return Array.from({ length: rank }, (_, i) => i);
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((p, q) => p - q);
}

/** dy of a reduction, reshaped with the reduced axes kept as size 1 so it broadcasts against x. */
function keepDims(dy: tf.Tensor, xShape: number[], axes: number[]): tf.Tensor {
  return tf.reshape(dy, xShape.map((d, i) => (axes.includes(i) ? 1 : d)));
}

function zerosFor(x: tf.Tensor): tf.Tensor {
  return tf.zeros(x.shape, "float32");
}

function asFloat(t: tf.Tensor): tf.Tensor {
  return tf.cast(t, "float32");
}

const unary = (kernelName: string, derivative: (x: tf.Tensor, dy: tf.Tensor) => tf.Tensor): Rule => ({
  kernelName,
  inputsToSave: ["x"],
  gradFunc: (dy, [x]) => ({ x: () => derivative(x, dy) }),
});

const unaryFromOutput = (kernelName: string, derivative: (y: tf.Tensor, dy: tf.Tensor) => tf.Tensor): Rule => ({
  kernelName,
  outputsToSave: [true],
  gradFunc: (dy, [y]) => ({ x: () => derivative(y, dy) }),
});

const binary = (
  kernelName: string,
  da: (a: tf.Tensor, b: tf.Tensor, dy: tf.Tensor) => tf.Tensor,
  db: (a: tf.Tensor, b: tf.Tensor, dy: tf.Tensor) => tf.Tensor,
): Rule => ({
  kernelName,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, [a, b]) => ({
    a: () => unbroadcast(da(a, b, dy), a.shape),
    b: () => unbroadcast(db(a, b, dy), b.shape),
  }),
});

const piecewiseConstant = (kernelName: string): Rule => unary(kernelName, (x) => zerosFor(x));

const comparison = (kernelName: string): Rule => ({
  kernelName,
  inputsToSave: ["a", "b"],
  gradFunc: (_dy, [a, b]) => ({ a: () => zerosFor(a), b: () => zerosFor(b) }),
});

function extremumRule(kernelName: string, axisAttribute: string): Rule {
  return {
    kernelName,
    inputsToSave: ["x"],
    outputsToSave: [true],
    gradFunc: (dy, [x, y], attrs) => {
      const axes = reducedAxes(attrs[axisAttribute], x.rank);
      // the derivative flows to every position that attains the extremum
      return { x: () => tf.mul(asFloat(tf.equal(x, keepDims(y, x.shape, axes))), keepDims(dy, x.shape, axes)) };
    },
  };
}

const RULES: Rule[] = [
  binary("Add", (_a, _b, dy) => dy, (_a, _b, dy) => dy),
  binary("Sub", (_a, _b, dy) => dy, (_a, _b, dy) => tf.neg(dy)),
  binary("Multiply", (_a, b, dy) => tf.mul(dy, b), (a, _b, dy) => tf.mul(dy, a)),
  binary("RealDiv", (_a, b, dy) => tf.div(dy, b), (a, b, dy) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))),
  binary(
    "Maximum",
    (a, b, dy) => tf.mul(dy, asFloat(tf.greaterEqual(a, b))),
    (a, b, dy) => tf.mul(dy, asFloat(tf.less(a, b))),
  ),
  binary(
    "Minimum",
    (a, b, dy) => tf.mul(dy, asFloat(tf.lessEqual(a, b))),
    (a, b, dy) => tf.mul(dy, asFloat(tf.greater(a, b))),
  ),
  binary(
    "SquaredDifference",
    (a, b, dy) => tf.mul(dy, tf.mul(2, tf.sub(a, b))),
    (a, b, dy) => tf.mul(dy, tf.mul(-2, tf.sub(a, b))),
  ),
  binary(
    "Pow",
    (a, b, dy) => tf.mul(dy, tf.mul(b, tf.pow(a, tf.sub(b, 1)))),
    // d(a^b)/db = a^b·log a, taken as 0 where a ≤ 0
    (a, b, dy) => {
      const positive = tf.greater(a, 0);
      const logA = tf.where(positive, tf.log(tf.where(positive, a, tf.onesLike(a))), tf.zerosLike(a));
      return tf.mul(dy, tf.mul(tf.pow(a, b), logA));
    },
  ),
  unary("Neg", (_x, dy) => tf.neg(dy)),
  unaryFromOutput("Exp", (y, dy) => tf.mul(dy, y)),
  unary("Expm1", (x, dy) => tf.mul(dy, tf.exp(x))),
  unary("Log", (x, dy) => tf.div(dy, x)),
  unary("Log1p", (x, dy) => tf.div(dy, tf.add(x, 1))),
  unary("Square", (x, dy) => tf.mul(dy, tf.mul(x, 2))),
  unaryFromOutput("Sqrt", (y, dy) => tf.div(dy, tf.mul(y, 2))),
  unary("Reciprocal", (x, dy) => tf.neg(tf.div(dy, tf.square(x)))),
  unary("Abs", (x, dy) => tf.mul(dy, tf.sign(x))),
  unary("Relu", (x, dy) => tf.mul(dy, asFloat(tf.greater(x, 0)))),
  unaryFromOutput("Elu", (y, dy) => tf.where(tf.greater(y, 0), dy, tf.mul(dy, tf.add(y, 1)))),
  unaryFromOutput("Sigmoid", (y, dy) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  unaryFromOutput("Tanh", (y, dy) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  unary("Softplus", (x, dy) => tf.mul(dy, tf.sigmoid(x))),
  unary("Sin", (x, dy) => tf.mul(dy, tf.cos(x))),
  unary("Cos", (x, dy) => tf.neg(tf.mul(dy, tf.sin(x)))),
  {
    kernelName: "LeakyRelu",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => ({
      x: () => tf.where(tf.greater(x, 0), dy, tf.mul(dy, attrs.alpha as number)),
    }),
  },
  {
    kernelName: "ClipByValue",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => ({
      x: () =>
        tf.mul(
          dy,
          asFloat(tf.logicalAnd(tf.greaterEqual(x, attrs.clipValueMin as number), tf.lessEqual(x, attrs.clipValueMax as number))),
        ),
    }),
  },
  ...["Sign", "Round", "Floor", "Ceil", "OnesLike", "ZerosLike"].map(piecewiseConstant),
  ...["Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual"].map(comparison),
  { kernelName: "Identity", gradFunc: (dy) => ({ x: () => tf.clone(dy) }) },
  { kernelName: "Cast", gradFunc: (dy) => ({ x: () => tf.clone(dy) }) },
  { kernelName: "Reshape", inputsToSave: ["x"], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }) },
  {
    kernelName: "Transpose",
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => (inverse[p] = i));
      return { x: () => tf.transpose(dy, inverse) };
    },
  },
  {
    kernelName: "Slice",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const begin = Array.isArray(attrs.begin) ? (attrs.begin as number[]) : [attrs.begin as number];
      const padding = x.shape.map((d, i): [number, number] => {
        const start = begin[i] ?? 0;
        return [start, d - start - dy.shape[i]];
      });
      return { x: () => tf.pad(dy, padding) };
    },
  },
  {
    kernelName: "Sum",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = reducedAxes(attrs.axis, x.rank);
      return { x: () => tf.mul(keepDims(dy, x.shape, axes), tf.ones(x.shape)) };
    },
  },
  {
    kernelName: "Mean",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = reducedAxes(attrs.axis, x.rank);
      const count = axes.reduce((product, axis) => product * x.shape[axis], 1);
      return { x: () => tf.mul(keepDims(tf.div(dy, count), x.shape, axes), tf.ones(x.shape)) };
    },
  },
  extremumRule("Max", "reductionIndices"),
  extremumRule("Min", "axis"),
  {
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b], attrs) => {
      const ta = attrs.transposeA === true;
      const tb = attrs.transposeB === true;
      const m = (p: tf.Tensor, q: tf.Tensor, tp: boolean, tq: boolean) =>
        tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D, tp, tq);
      // C = op(A)·op(B): the derivative for A is dy·op(B)ᵀ (transposed back when A was), likewise for B
      if (!ta && !tb) return { a: () => unbroadcast(m(dy, b, false, true), a.shape), b: () => unbroadcast(m(a, dy, true, false), b.shape) };
      if (!ta && tb) return { a: () => unbroadcast(m(dy, b, false, false), a.shape), b: () => unbroadcast(m(dy, a, true, false), b.shape) };
      if (ta && !tb) return { a: () => unbroadcast(m(b, dy, false, true), a.shape), b: () => unbroadcast(m(a, dy, false, false), b.shape) };
      return { a: () => unbroadcast(m(b, dy, true, true), a.shape), b: () => unbroadcast(m(dy, a, true, true), b.shape) };
    },
  },
  {
    kernelName: "AddN",
    saveAllInputs: true,
    gradFunc: (dy, saved) => saved.map(() => () => tf.clone(dy)),
  },
  {
    kernelName: "Concat",
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const axis = reducedAxes(attrs.axis, dy.rank)[0];
      const parts = tf.split(dy, saved.map((t) => t.shape[axis]), axis);
      return parts.map((part) => () => part);
    },
  },
  {
    kernelName: "Pack",
    saveAllInputs: true,
    gradFunc: (dy, _saved, attrs) => tf.unstack(dy, attrs.axis as number).map((part) => () => part),
  },
  {
    kernelName: "Select",
    inputsToSave: ["condition"],
    gradFunc: (dy, [condition]) => ({
      condition: () => zerosFor(condition),
      t: () => tf.mul(dy, asFloat(condition)),
      e: () => tf.mul(dy, asFloat(tf.logicalNot(condition))),
    }),
  },
  {
    kernelName: "Softmax",
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => {
      const axis = reducedAxes(attrs.dim, y.rank);
      return { logits: () => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))) };
    },
  },
];

let registered = false;

export function registerGradients(): void {
  if (registered) return;
  registered = true;
  for (const rule of RULES) {
    if (tf.getGradient(rule.kernelName) == null) {
      tf.registerGradient(rule as unknown as tf.GradConfig);
    }
  }
}

/** The kernels for which this module supplies a derivative. */
export const DIFFERENTIATED_KERNELS: readonly string[] = RULES.map((rule) => rule.kernelName);

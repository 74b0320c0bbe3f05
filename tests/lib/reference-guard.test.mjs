// withoutReference: while a test runs the student's code, the library's implementation of
// the exercise refuses to be called, and what the student's code returns must be computed
// by then, not a tensor whose reading later runs code of its own (when the refusal is off).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, Net, withoutReference, referenceCalls, gaussianMI, correlatedPairs, gaussianChannel, multivariateGaussian, courseData, MI_TASKS } from "neural-mi";

before(async () => {
  await init();
});

const batch = () => [tf.tensor2d([[0.5], [-1.2]]), tf.tensor2d([[0.4], [-0.9]])];
const LATE = /a tensor whose reading runs code of its own/;

test("a tensor the student's code computed is returned as it is; a call into the library's implementation is refused", () => {
  const net = new Net({ seed: 3 });
  const [x, y] = batch();
  const own = withoutReference(["Net.forward"], () => tf.add(x, y));
  assert.deepEqual(Array.from(own.dataSync()), Array.from(tf.add(x, y).dataSync()));
  assert.throws(() => withoutReference(["Net.forward"], () => net.forward(x, y)), /write it yourself/);
});

test("a tensor that would compute the library's answer once read, after the refusal, is refused", () => {
  const net = new Net({ seed: 3 });
  const [x, y] = batch();
  let lateCalls = 0;
  const late = () => {
    lateCalls += 1;
    return net.forward(x, y);
  };
  const lazy = {
    // an object of TensorFlow.js's Tensor prototype whose data is an accessor
    accessor: () => {
      const fake = Object.create(tf.Tensor.prototype);
      for (const key of ["dataId", "shape", "dtype", "size", "strides", "id"]) Object.defineProperty(fake, key, { get: () => late()[key] });
      return fake;
    },
    // a Proxy of a tensor the student computed
    proxy: () => new Proxy(tf.zeros([2, 1]), { get: (target, key) => (key === "dataId" ? late().dataId : target[key]) }),
    // a computed tensor given an own dataSync, or an accessor for its dataId
    ownMethod: () => Object.assign(tf.zeros([2, 1]), { dataSync: () => late().dataSync() }),
    ownAccessor: () => {
      const tensor = tf.zeros([2, 1]);
      Object.defineProperty(tensor, "dataId", { get: () => late().dataId });
      return tensor;
    },
    // a shape whose elements are read through code
    lazyShape: () => {
      const tensor = tf.zeros([2, 1]);
      const shape = [];
      Object.defineProperty(shape, 0, { get: () => (late(), 2), enumerable: true });
      shape.push(1);
      tensor.shape = shape;
      return tensor;
    },
  };
  for (const [what, make] of Object.entries(lazy)) {
    assert.throws(() => withoutReference(["Net.forward"], make), LATE, what);
  }
  assert.equal(lateCalls, 0, "nothing the student's tensors defined ran");
});

test("the library's other routes to an answer refuse with its reference: the fused kernel's forward pass, MINE's loss gradient, the Gaussian closed forms", async () => {
  const { MINETrainer, courseData, gaussianChannel, mineLossGradient } = await import("neural-mi");
  const refused = (name, run) => assert.throws(() => withoutReference([name], run), /write it yourself/, name);
  // the fused kernel a trainer of the library's makes for its standard network (a student can reach it)
  const data = courseData({ seed: 0, n: 20 });
  const trainer = new MINETrainer(data.x, data.y, new Net({ seed: 3 }), { seed: 0, itersPerEpoch: 2 });
  trainer.trainEpochs(1);
  const [fused] = trainer.fusedNets;
  fused.inputRows(2).fill(0.5);
  assert.equal(fused.outputs(2).length, 2, "outside a test it computes");
  refused("Net.forward", () => fused.outputs(2));
  refused("Net.forward", () => fused.trainStep(1, 1, () => 0));
  // and so do the kernel's own entry points, which `private` does not hide at run time: with the
  // FusedNet's fields, a cell could run the library's forward pass on its own network's weights
  const { kernel } = fused;
  const args = [fused.params, fused.inputs, fused.hp, fused.x, 2, fused.a1, fused.a2, fused.t];
  kernel.forward(...args);
  assert.deepEqual(Array.from(new Float32Array(kernel.memory.buffer, fused.t, 2)), Array.from(fused.outputs(2)), "the raw forward computes t");
  refused("Net.forward", () => kernel.forward(...args));
  refused("Net.forward", () => kernel.backward(fused.params, fused.grads, fused.inputs, fused.hp, fused.x, 2, fused.a1, fused.a2, fused.dT, fused.d2, fused.d1, fused.w2t));
  assert.ok(Object.isFrozen(kernel), "the entry points cannot be swapped for the instance's own");
  trainer.dispose();
  const rows = () => [new Float32Array([0.1, 0.2]), new Float32Array([0.3, 0.4]), new Float32Array(2), new Float32Array(2)];
  assert.ok(Number.isFinite(mineLossGradient({ m: 1, beta: 0.1 })(...rows())));
  refused("MINETrainer.loss", () => mineLossGradient({ m: 1, beta: 0.1 })(...rows()));
  const channel = gaussianChannel({ dim: 1, power: 0.25 / 0.75, noise: 1 });
  assert.ok(Math.abs(channel.mutualInformation() + 0.5 * Math.log(1 - 0.25)) < 1e-12, "the channel's information is the Gaussian pair's at ρ² = P/(P + N)");
  refused("gaussianMI", () => channel.mutualInformation());
  const { gaussianCovarianceMI } = await import("neural-mi");
  refused("gaussianMI", () => gaussianCovarianceMI([[1, 0.5], [0.5, 1]], 1));
});

test("while gaussianMI refuses, so does every information or entropy of the library's tasks: several give the Gaussian pair's information exactly", async () => {
  const library = await import("neural-mi");
  const rho = 0.637;
  const truth = -0.5 * Math.log(1 - rho * rho);
  const noise = Math.sqrt(1 - rho * rho);
  // Y = ρX + √(1 − ρ²)N: a channel, an observation repeated once, h(Y) − h(Y | X)
  const routes = {
    repeatedObservationMI: () => library.repeatedObservationMI(1, noise / rho),
    mixtureChannelMI: () => library.mixtureChannelMI([{ weight: 1, mean: 0, sd: rho }], [{ weight: 1, mean: 0, sd: noise }]),
    gaussianMixtureEntropy: () =>
      library.gaussianMixtureEntropy([{ weight: 1, mean: 0, sd: 1 }]) - library.gaussianMixtureEntropy([{ weight: 1, mean: 0, sd: noise }]),
  };
  for (const [name, route] of Object.entries(routes)) {
    assert.ok(Math.abs(route() - truth) <= 1e-9, `${name} computes −½ log(1 − ρ²) outside a test`);
    assert.throws(() => withoutReference(["gaussianMI"], route), /gaussianMI is the library's implementation.*write it yourself/, name);
  }
  // every one of them, whatever its arguments: the refusal comes first (estimateMI estimates from samples)
  const truths = Object.keys(library).filter((name) => typeof library[name] === "function" && /(MI|Entropy|^entropyOnGrid|^studentTCorrection)$/.test(name) && name !== "estimateMI");
  assert.ok(truths.length >= 30, truths.join(", "));
  for (const name of truths) {
    assert.throws(() => withoutReference(["gaussianMI"], () => library[name](0.5, 0.5, 0.5)), /gaussianMI is the library's implementation/, name);
  }
});

test("referenceCalls counts the library's computations of an answer since it loaded, by any route, but not the course data's own truth", () => {
  const calls = () => referenceCalls("gaussianMI");
  const before = calls();
  courseData({ seed: 4 });
  assert.equal(calls(), before, "the course data's truth, at the correlation its seed draws");
  for (const task of MI_TASKS.slice(0, 3)) void task.name;
  assert.equal(calls(), before, "reading the task lists, whose truths were computed as the library loaded");
  gaussianMI(0.3);
  correlatedPairs(1, 0.3).mutualInformation();
  gaussianChannel({ dim: 1, power: 1, noise: 2 }).mutualInformation();
  multivariateGaussian({ name: "pair", family: "gaussian", description: "a pair", covariance: [[1, 0.3], [0.3, 1]], dimX: 1 });
  assert.equal(calls(), before + 4);
  // a call refused while a test runs the student's code does not count
  assert.throws(() => withoutReference(["gaussianMI"], () => gaussianMI(0.5)), /write it yourself/);
  assert.equal(calls(), before + 4);
  assert.throws(() => referenceCalls("gaussianMl"), /gaussianMl is not one of the library's reference implementations/);
});

test("while MINETrainer.loss refuses, so do the exported bounds and the other trainers' losses, each a part of MINE's loss; the library's own training inside the test still works", async () => {
  const { DV, F_BOUND, INFO_NCE, smileBound, dvBound, fBound, DVTrainer, MINEfTrainer, MINEE, MINETrainer, mineeEvaluation, courseData } = await import("neural-mi");
  const refused = (what, run) => assert.throws(() => withoutReference(["MINETrainer.loss"], run), /MINETrainer\.loss is the library's implementation.*write it yourself/, what);
  const t = tf.tensor2d([[0.1], [0.4]]);
  const tRef = tf.tensor2d([[0.2], [-0.3]]);
  const rows = [new Float32Array([0.1, 0.4]), new Float32Array([0.2, -0.3])];
  for (const bound of [DV, F_BOUND, smileBound(5)]) {
    assert.ok(Number.isFinite(bound.evaluation(...rows).estimate), `${bound.name} computes outside a test`);
    refused(`${bound.name}.tensor`, () => bound.tensor(t, tRef));
    refused(`${bound.name}.evaluation`, () => bound.evaluation(...rows));
    refused(`${bound.name}.lossGradient`, () => bound.lossGradient(...rows, new Float32Array(2), new Float32Array(2)));
  }
  refused("INFO_NCE.evaluation", () => INFO_NCE.evaluation(...rows));
  refused("dvBound", () => dvBound(t, tRef));
  refused("fBound", () => fBound(t, tRef));
  const outputs = { joint: rows[0], reference: rows[1] };
  refused("mineeEvaluation", () => mineeEvaluation(outputs, outputs, outputs));
  const data = courseData({ seed: 0, n: 40 });
  const [x, y] = [tf.tensor2d(data.x.slice(0, 4)), tf.tensor2d(data.y.slice(0, 4))];
  const dv = new DVTrainer(data.xy, data.xy, new Net({ seed: 1 }), { seed: 0 });
  refused("DVTrainer.loss", () => dv.loss(tf.tensor2d(data.xy.slice(0, 4)), tf.tensor2d(data.xy.slice(4, 8))));
  const f = new MINEfTrainer(data.x, data.y, new Net({ seed: 1 }), { seed: 0 });
  refused("MINEfTrainer.loss", () => f.loss(x, y, y, x));
  const minee = new MINEE(data.x, data.y, { seed: 0 });
  refused("MINEE.loss", () => minee.loss(x, y, y, x));
  // a loss of the student's own, trained by the library inside the refusal, as chapter 5's test does
  const trainer = new MINETrainer(data.x, data.y, new Net({ seed: 0 }), { seed: 0, itersPerEpoch: 2 });
  // (the f-divergence bound's, not the exercise's: the student edition ships this file)
  const own = function (bx, by, rx, ry) {
    return tf.sub(tf.mean(tf.exp(tf.sub(this.net.forward(rx, ry), 1))), tf.mean(this.net.forward(bx, by)));
  };
  const refusing = { withoutReference: ["MINETrainer.loss"] };
  assert.ok(Number.isFinite(trainer.stepWithLoss(own, 2, refusing)));
  // the estimate is computed after the refusal ends: a stepWithLoss the code under test calls, from the
  // loss it trains or from a loss a test calls directly, gets none (the DV bound's value of any outputs)
  const inner = new MINETrainer(data.x, data.y, new Net({ seed: 2 }), { seed: 0, itersPerEpoch: 2 });
  let innerEstimate;
  const nesting = function (bx, by, rx, ry) {
    innerEstimate ??= inner.stepWithLoss(own, 1);
    return own.call(this, bx, by, rx, ry);
  };
  assert.throws(() => trainer.stepWithLoss(nesting, 1, refusing), /MINETrainer\.loss is the library's implementation.*write it yourself/);
  const view = { net: { forward: (a, b) => trainer.net.forward(a, b) }, beta: 0.1, m: 1 };
  refused("stepWithLoss inside a loss the test calls", () => nesting.call(view, x, y, y, x));
  assert.equal(innerEstimate, undefined);
  // and as the code under test, not given the refusal, it is refused too
  refused("stepWithLoss called under a refusal", () => inner.stepWithLoss(own, 1));
  assert.throws(() => trainer.stepWithLoss(own, 1, { withoutReferences: [] }), /unknown option "withoutReferences" \(did you mean "withoutReference"\?\)/);
  // outside a test the same nesting computes (nothing refuses)
  assert.ok(Number.isFinite(trainer.stepWithLoss(nesting, 1)));
  assert.ok(Number.isFinite(innerEstimate));
  for (const disposable of [dv, f, minee, trainer, inner]) disposable.dispose();
});

test("the refusal is the test's: names the caller's array gains while the code runs take nothing off it, and the code under test cannot call withoutReference", () => {
  const net = new Net({ seed: 3 });
  const [x, y] = batch();
  // an answer that passed an empty list and filled it while running, so that its end took the test's own names off
  const unrefuse = () => {
    const names = [];
    withoutReference(names, () => {
      for (let k = 0; k < 4; k++) names.push("Net.forward");
    });
  };
  assert.throws(
    () => withoutReference(["Net.forward"], () => {
      try {
        unrefuse();
      } catch {
        // the answer ignores the refusal of its call, and goes on to the library's forward
      }
      return net.forward(x, y);
    }),
    /Net\.forward is the library's implementation .* write it yourself/,
  );
  assert.throws(() => withoutReference(["Net.forward"], unrefuse), /withoutReference is the tests' guard around your code; your code cannot call it while a test runs it/);
  // outside a test, the array as given is what counts: what it gains later is neither added nor taken off
  const names = ["Net.forward"];
  assert.throws(() => withoutReference(names, () => {
    names.length = 0;
    return net.forward(x, y);
  }), /write it yourself/);
  assert.ok(net.forward(x, y), "and nothing refuses after the call");
  net.dispose();
});

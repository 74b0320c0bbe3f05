import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, tf, dvBound, fBound, DV, F_BOUND, INFO_NCE, smileBound } from "neural-mi";

before(async () => {
  await init();
});

// The bounds average every entry of what they are given, so outputs that are not one per sample
// (two columns, a scalar, the samples instead of the network's outputs) gave a number for another
// question: dvBound of [n, 2] outputs averaged both columns.
test("the public bounds refuse outputs that are not one per sample", () => {
  const ok = tf.tensor2d([[1], [2], [3]]);
  const twoColumns = tf.tensor2d([[1, 5], [2, 6], [3, 7]]);
  const scalar = tf.scalar(1);
  const cube = tf.ones([3, 1, 1]);
  for (const [name, bound] of [["dvBound", dvBound], ["fBound", fBound]]) {
    assert.throws(() => bound(twoColumns, ok), new RegExp(`${name}\\(tJoint, tRef\\): tJoint has shape \\[3, 2\\]; it must hold one network output per sample`));
    assert.throws(() => bound(ok, twoColumns), /tRef has shape \[3, 2\]/);
    assert.throws(() => bound(scalar, ok), /tJoint has shape \[\]/);
    assert.throws(() => bound(ok, cube), /tRef has shape \[3, 1, 1\]/);
  }
  for (const bound of [DV, F_BOUND, INFO_NCE, smileBound(5)]) {
    assert.throws(() => bound.tensor(twoColumns, ok), /tJoint has shape \[3, 2\]/, bound.name);
    assert.throws(() => bound.tensor(ok, twoColumns), /tRef has shape \[3, 2\]/, bound.name);
  }
  assert.throws(() => INFO_NCE.tensor(ok, tf.ones([4, 1])), /K ≥ 1 outputs per joint output.*got 4 for 3/);
  // what is one output per sample still works, [n] beside [m, 1] included
  const values = [dvBound(ok, tf.ones([5])), fBound(tf.ones([3]), ok), DV.tensor(ok, ok), INFO_NCE.tensor(ok, tf.ones([6, 1]))];
  for (const v of values) assert.ok(Number.isFinite(v.dataSync()[0]));
  tf.dispose([ok, twoColumns, scalar, cube, ...values]);
});

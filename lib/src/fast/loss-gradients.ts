/**
 * The minibatch losses of the trainers as functions of the network outputs, with
 * their gradient with respect to each output: what the fused kernel needs to
 * back-propagate. Each takes t on the joint batch and on the reference batch,
 * writes ∂loss/∂t into gJoint and gRef, and returns the loss (in float64).
 */
export type LossGradient = (tJoint: Float32Array, tRef: Float32Array, gJoint: Float32Array, gRef: Float32Array) => number;

function negativeMean(tJoint: Float32Array, gJoint: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < tJoint.length; i++) sum += tJoint[i];
  gJoint.fill(-1 / tJoint.length);
  return -sum / tJoint.length;
}

/** −DV = −mean t + logsumexp t′ − log n′; ∂/∂t′ is the softmax of t′. */
export const dvLossGradient: LossGradient = (tJoint, tRef, gJoint, gRef) => {
  const joint = negativeMean(tJoint, gJoint);
  let shift = -Infinity;
  for (let i = 0; i < tRef.length; i++) shift = Math.max(shift, tRef[i]);
  let sum = 0;
  for (let i = 0; i < tRef.length; i++) sum += Math.exp(tRef[i] - shift);
  for (let i = 0; i < tRef.length; i++) gRef[i] = Math.exp(tRef[i] - shift) / sum;
  return joint + shift + Math.log(sum) - Math.log(tRef.length);
};

/** −(mean t − mean e^{t′−1}), the MINE-f (NWJ) loss. */
export const fLossGradient: LossGradient = (tJoint, tRef, gJoint, gRef) => {
  const joint = negativeMean(tJoint, gJoint);
  let sum = 0;
  for (let i = 0; i < tRef.length; i++) {
    const e = Math.exp(tRef[i] - 1);
    sum += e;
    gRef[i] = e / tRef.length;
  }
  return joint + sum / tRef.length;
};

/** The moving average of MINE, m̄ ← β·m̄ + (1 − β)·mean e^{t′}, read and updated by the loss. */
export interface MovingAverage {
  m: number;
  readonly beta: number;
}

/**
 * MINE's surrogate loss −mean t + mean e^{t′} / m̄, with m̄ updated first from this
 * batch and held constant in the gradient. The exponentials stay in float64 until
 * divided by m̄: e^{t′} passes float32's range (3.4·10³⁸) at t′ ≈ 88.7, which MINE's
 * outputs reach on problems with several nats, while e^{t′}/(n′·m̄) ≤ 1/(1 − β).
 */
export function mineLossGradient(average: MovingAverage): LossGradient {
  return (tJoint, tRef, gJoint, gRef) => {
    const joint = negativeMean(tJoint, gJoint);
    let sum = 0;
    for (let i = 0; i < tRef.length; i++) sum += Math.exp(tRef[i]);
    const meanExp = sum / tRef.length;
    average.m = (1 - average.beta) * meanExp + average.beta * average.m;
    const scale = 1 / (tRef.length * average.m);
    for (let i = 0; i < tRef.length; i++) gRef[i] = Math.exp(tRef[i]) * scale;
    return joint + meanExp / average.m;
  };
}

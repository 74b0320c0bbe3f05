/**
 * Bound values and their standard errors from network outputs, in float64.
 *
 * The standard error is the delta-method approximation for a fixed network: the joint
 * average and the reference average are treated as independent sample means. It measures
 * how much the estimate would move with other samples of the same size, not how far
 * training is from the optimum.
 */
export interface Evaluation {
  estimate: number;
  standardError: number;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Unbiased sample variance (0 for a single value). */
export function variance(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return sum / (values.length - 1);
}

function max(values: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < values.length; i++) best = Math.max(best, values[i]);
  return best;
}

/** e^{t − shift} for each t, with the shift that keeps the largest at 1. */
function scaledExp(values: ArrayLike<number>): { scaled: Float64Array; shift: number } {
  const shift = max(values);
  return { scaled: Float64Array.from(values as ArrayLike<number>, (v) => Math.exp(v - shift)), shift };
}

/** DV: mean t − log mean e^{t'}. */
export function dvEvaluation(tJoint: ArrayLike<number>, tRef: ArrayLike<number>): Evaluation {
  const { scaled, shift } = scaledExp(tRef);
  const meanScaled = mean(scaled);
  return {
    estimate: mean(tJoint) - (shift + Math.log(meanScaled)),
    standardError: Math.sqrt(variance(tJoint) / tJoint.length + variance(scaled) / (tRef.length * meanScaled ** 2)),
  };
}

/** f-divergence (NWJ): mean t − mean e^{t' − 1}. */
export function fEvaluation(tJoint: ArrayLike<number>, tRef: ArrayLike<number>): Evaluation {
  const exps = Float64Array.from(tRef as ArrayLike<number>, (v) => Math.exp(v - 1));
  return {
    estimate: mean(tJoint) - mean(exps),
    standardError: Math.sqrt(variance(tJoint) / tJoint.length + variance(exps) / tRef.length),
  };
}

export interface DivergenceOutputs {
  joint: ArrayLike<number>;
  reference: ArrayLike<number>;
}

/**
 * MI-NEE: D_XY − D_X − D_Y, each a DV bound. The three networks see the same samples
 * (row i of XY, X and Y) and the same reference draws, so the standard error combines them
 * per sample before taking variances.
 */
export function mineeEvaluation(xy: DivergenceOutputs, x: DivergenceOutputs, y: DivergenceOutputs): Evaluation & {
  divergences: { xy: number; x: number; y: number };
} {
  const parts = [xy, x, y].map((d) => ({ ...scaledExp(d.reference), joint: d.joint }));
  const meansScaled = parts.map((p) => mean(p.scaled));
  const divergences = parts.map((p, k) => mean(p.joint) - (p.shift + Math.log(meansScaled[k])));
  const n = xy.joint.length;
  const nRef = xy.reference.length;
  const jointCombined = Float64Array.from({ length: n }, (_, i) => xy.joint[i] - x.joint[i] - y.joint[i]);
  const referenceCombined = Float64Array.from(
    { length: nRef },
    (_, j) => parts[0].scaled[j] / meansScaled[0] - parts[1].scaled[j] / meansScaled[1] - parts[2].scaled[j] / meansScaled[2],
  );
  return {
    estimate: divergences[0] - divergences[1] - divergences[2],
    standardError: Math.sqrt(variance(jointCombined) / n + variance(referenceCombined) / nRef),
    divergences: { xy: divergences[0], x: divergences[1], y: divergences[2] },
  };
}

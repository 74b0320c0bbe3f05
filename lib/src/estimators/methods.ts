import * as tf from "@tensorflow/tfjs-core";
import { checkInRange, checkOneOf, checkPositive } from "../data/checks";
import type { MIEstimator } from "./interface";
import { MINEfTrainer, MINETrainer } from "./mine-trainer";
import { MINEE } from "./minee";
import { Net } from "./net";
import { neuralEstimator, type NeuralMethod } from "./neural";
import { REFERENCE_KINDS } from "./references";

/**
 * The networks estimateMI trains start from weights of scale 1/√fan-in, not the course's
 * σ = 0.02: with σ = 0.02, t is nearly a linear function of (x, y) at first, and on data
 * whose dependence is not linear (the two-Gaussian mixture) its gradient nearly vanishes:
 * the course's MINE stays at t ≈ 0 for 10 000 iterations, and even with estimateMI's larger
 * batches most runs were still rising after 3000 steps (fan-in: 9 of 10 settled).
 */
const INIT = "fan-in" as const;

function resamplingMethod(name: "mine" | "mine-f", description: string): NeuralMethod {
  return {
    name,
    description,
    extraOptionNames: name === "mine" ? ["beta"] : [],
    defaultLearningRate: 1e-3,
    makeTrainer(train, settings, options) {
      const inputSize = train.x[0].length + train.y[0].length;
      const net = new Net({ inputSize, hiddenSize: settings.hiddenSize, sigma: INIT, seed: settings.seed });
      const trainerOptions = {
        itersPerEpoch: settings.itersPerEpoch,
        learningRate: settings.learningRate,
        seed: options.trainerSeed as number,
        fused: settings.fused,
      };
      const trainer =
        name === "mine"
          ? new MINETrainer(train.x, train.y, net, {
              ...trainerOptions,
              beta: options.beta === undefined ? undefined : checkInRange(options.beta, "estimateMI: beta", 0, 1),
            })
          : new MINEfTrainer(train.x, train.y, net, trainerOptions);
      return {
        trainer,
        variables: net.variables,
        afterEpoch: trainer instanceof MINETrainer ? () => recentre(trainer, net) : undefined,
        dispose: () => {
          trainer.dispose();
          net.dispose();
        },
      };
    },
  };
}

/**
 * Subtracts log m̄ from t (through the output bias) and sets m̄ = 1. The DV bound and MINE's
 * gradients do not change when a constant is added to t, so nothing else holds t in place:
 * left alone it drifts upward until e^t overflows. Recentring changes neither the estimate
 * nor the next step's gradient.
 */
function recentre(trainer: MINETrainer, net: Net): void {
  const shift = Math.log(trainer.m);
  if (Math.abs(shift) < 1) return;
  tf.tidy(() => net.fc3.bias.assign(tf.sub(net.fc3.bias, shift)));
  trainer.m = 1;
}

const mineeMethod: NeuralMethod = {
  name: "minee",
  description: "MI-NEE: D_XY − D_X − D_Y, three DV-trained networks against Gaussian references fitted to the standardised data",
  extraOptionNames: ["refBatchFactor", "reference"],
  defaultLearningRate: 1e-3,
  needsDensities: true,
  upwardBias: mineeReferenceFitBias,
  makeTrainer(train, settings, options) {
    const trainer = new MINEE(train.x, train.y, {
      itersPerEpoch: settings.itersPerEpoch,
      learningRate: settings.learningRate,
      seed: settings.seed,
      fused: settings.fused,
      hiddenSize: settings.hiddenSize,
      sigma: INIT,
      refBatchFactor: options.refBatchFactor === undefined ? 2 : checkPositive(options.refBatchFactor, "estimateMI: refBatchFactor"),
      reference: options.reference === undefined ? "gaussian" : checkOneOf(options.reference, "estimateMI: reference", REFERENCE_KINDS),
    });
    return {
      trainer,
      variables: [...trainer.netXY.variables, ...trainer.netX.variables, ...trainer.netY.variables],
      referencesPerDraw: trainer.refBatchFactor,
      dispose: () => trainer.dispose(),
    };
  },
};

/**
 * MI-NEE's references are Gaussians fitted to the m training samples. A Gaussian fitted to m
 * samples in d dimensions is off from the data's own by E KL ≈ d(d + 1)/(4m) nats, which each
 * divergence also counts; in D_XY − D_X − D_Y that leaves
 * [(dx + dy)(dx + dy + 1) − dx(dx + 1) − dy(dy + 1)]/(4m) = dx·dy/(2m) too much (0.45 nats for
 * 25 + 25 dimensions and m = 700, where MI-NEE gave 2.06 for 1.29). The interval's lower end
 * is lowered by it, and when it exceeds half the interval's lower half-width the result is not
 * trusted.
 */
function mineeReferenceFitBias(trainSize: number, dimX: number, dimY: number): { nats: number; reason: string } {
  const nats = (dimX * dimY) / (2 * trainSize);
  return {
    nats,
    reason:
      `MI-NEE's Gaussian references, fitted to ${trainSize} samples in ${dimX} + ${dimY} dimensions, are off by enough to raise the ` +
      `estimate by about ${nats.toFixed(2)} nats (dx·dy/(2m)); give more samples, or use "mine".`,
  };
}

export const NEURAL_ESTIMATORS: readonly MIEstimator[] = [
  neuralEstimator(
    resamplingMethod("mine", "MINE: the DV bound with a moving-average gradient, references by resampling (Belghazi et al. 2018)"),
  ),
  neuralEstimator(resamplingMethod("mine-f", "MINE-f: the f-divergence (NWJ) bound, references by resampling")),
  neuralEstimator(mineeMethod),
];

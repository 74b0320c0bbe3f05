import * as tf from "@tensorflow/tfjs-core";
import { checkInRange, checkOneOf, checkPositive, checkPositiveInteger, fail } from "../data/checks";
import type { MIEstimator } from "./interface";
import { InfoNCETrainer, MINEfTrainer, MINETrainer, SMILETrainer, type ResamplingTrainer } from "./mine-trainer";
import { MINEE } from "./minee";
import { Net } from "./net";
import { neuralEstimator, type NeuralMethod, type TrainerOfMethod } from "./neural";
import { REFERENCE_KINDS } from "./references";

/**
 * The networks estimateMI trains start from weights of scale 1/√fan-in, not the course's
 * σ = 0.02: with σ = 0.02, t is nearly a linear function of (x, y) at first, and on data
 * whose dependence is not linear (the two-Gaussian mixture) its gradient nearly vanishes:
 * the course's MINE stays at t ≈ 0 for 10 000 iterations, and even with estimateMI's larger
 * batches most runs were still rising after 3000 steps (fan-in: 9 of 10 settled).
 */
const INIT = "fan-in" as const;

type ResamplingName = "mine" | "mine-f" | "infonce" | "smile";

const RESAMPLING_OPTIONS: Record<ResamplingName, readonly string[]> = {
  mine: ["beta"],
  "mine-f": [],
  infonce: ["negatives"],
  smile: ["clip"],
};

/** InfoNCE's default minibatch: each of its rows is contrasted with INFO_NCE_NEGATIVES others, so a step costs 16 such batches (a step of 1024 network rows, 2 × MINE's). */
const INFO_NCE_BATCH = 64;
const INFO_NCE_NEGATIVES = 15;
const INFO_NCE_EVALUATION_NEGATIVES = 31;

function resamplingMethod(name: ResamplingName, description: string): NeuralMethod {
  return {
    name,
    description,
    extraOptionNames: RESAMPLING_OPTIONS[name],
    defaultLearningRate: 1e-3,
    defaultBatchSize: name === "infonce" ? INFO_NCE_BATCH : undefined,
    makeTrainer(train, settings, options) {
      const inputSize = train.x[0].length + train.y[0].length;
      const net = new Net({ inputSize, hiddenSize: settings.hiddenSize, sigma: INIT, seed: settings.seed });
      const trainerOptions = {
        itersPerEpoch: settings.itersPerEpoch,
        learningRate: settings.learningRate,
        seed: options.trainerSeed as number,
        fused: settings.fused,
      };
      const what = `estimateMI(x, y, { method: "${name}" })`;
      let candidates: TrainerOfMethod["candidates"];
      let trainer: ResamplingTrainer;
      // a refused option (negatives: 0, clip: NaN, beta: 2) or trainer kept the network: 6 tensors a call
      try {
        if (name === "mine") {
          trainer = new MINETrainer(train.x, train.y, net, {
            ...trainerOptions,
            beta: options.beta === undefined ? undefined : checkInRange(options.beta, `${what}: beta`, 0, 1),
          });
        } else if (name === "infonce") {
          const negatives = options.negatives === undefined ? INFO_NCE_NEGATIVES : checkPositiveInteger(options.negatives, `${what}: negatives`);
          const batch = Math.ceil(train.x.length / settings.itersPerEpoch);
          if (batch < 2) fail(`${what}: batchSize must be at least 2: InfoNCE contrasts each row of a minibatch with the others; got ${batch}.`);
          if (options.negatives !== undefined && negatives >= batch) fail(`${what}: negatives must be less than the minibatch's rows (batchSize, here ${batch}): each row is contrasted with as many others of its minibatch; got ${negatives}.`);
          trainer = new InfoNCETrainer(train.x, train.y, net, { ...trainerOptions, negatives, evaluationNegatives: INFO_NCE_EVALUATION_NEGATIVES });
          candidates = {
            perStep: Math.min(negatives, batch - 1) + 1,
            perEvaluation: Math.min(INFO_NCE_EVALUATION_NEGATIVES, settings.heldOutSize - 1) + 1,
          };
        } else if (name === "smile") {
          trainer = new SMILETrainer(train.x, train.y, net, {
            ...trainerOptions,
            clip: options.clip === undefined ? undefined : checkPositive(options.clip, `${what}: clip`),
          });
        } else {
          trainer = new MINEfTrainer(train.x, train.y, net, trainerOptions);
        }
      } catch (error) {
        net.dispose();
        throw error;
      }
      return {
        trainer,
        variables: net.variables,
        afterEpoch: trainer instanceof MINETrainer ? recentring(trainer, net) : undefined,
        candidates,
        dispose: () => {
          trainer.dispose();
          net.dispose();
        },
      };
    },
  };
}

function recentring(trainer: MINETrainer, net: Net): () => void {
  return () => recentre(trainer, net);
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

export const mineeMethod: NeuralMethod = {
  name: "minee",
  description: "MI-NEE: D_XY − D_X − D_Y, three DV-trained networks against Gaussian references fitted to the standardised data",
  extraOptionNames: ["refBatchFactor", "reference"],
  defaultLearningRate: 1e-3,
  needsDensities: true,
  differenceOfBounds: true,
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
      floorDivergences: true,
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
  neuralEstimator(
    resamplingMethod("infonce", "InfoNCE: each pair against 15 other y's of its minibatch (van den Oord et al. 2018); at most log 16 nats in training"),
  ),
  neuralEstimator(
    resamplingMethod("smile", "SMILE: critic trained on the Jensen–Shannon objective, estimate the DV bound with e^t clipped to [e^−5, e^5] (Song & Ermon 2020)"),
  ),
];

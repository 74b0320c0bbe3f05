export { Dense, Net, NetLayers, initialNetWeights, type NetOptions, type NetWeights } from "./net";
export { withoutReference, referenceCalls, REFERENCE_IMPLEMENTATIONS, type ReferenceImplementation } from "./reference-guard";
export { referenceOutputs, referenceOutputGradients, referenceMINELoss } from "./reference-numbers";
export { type Bound } from "./bounds";
export { dvBound, fBound, DV, F_BOUND, INFO_NCE, smileBound } from "./public-bounds";
export { resample, type ResampleOptions } from "./resample";
export { Trainer, TrainingDiverged, TRAINER_OPTION_NAMES, type TrainerOptions, type TrainingHistory, type TrainOptions, type EstimateOnOptions } from "./trainer";
export { DVTrainer } from "./dv-trainer";
export {
  ResamplingTrainer, BoundTrainer, MovingAverageTrainer, MINETrainer, MINEfTrainer, InfoNCETrainer, SMILETrainer, mineLossGradient, type MINEOptions,
  type InfoNCEOptions, type SMILEOptions, type MovingAverage, type MovingAverageLoss, type MovingAverageView, type StatisticsNetwork,
} from "./mine-trainer";
export { MINEE, mineeEvaluation, type MINEEOptions } from "./minee";
export { REFERENCE_KINDS, type ReferenceKind } from "./references";
export { estimateMI, type EstimateMIOptions, type MIEstimate } from "./estimate-mi";
export { estimators, estimator } from "./registry";
export type { MIEstimator, MIEstimateResult, EstimateHistory } from "./interface";
export { ksgEstimate, type KSGOptions } from "./ksg";
export type { NeuralEstimateOptions } from "./neural";
export type { Evaluation } from "./statistics";

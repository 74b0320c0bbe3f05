export { Dense, Net, type NetOptions } from "./net";
export { dvBound, fBound } from "./bounds";
export { resample, type ResampleOptions } from "./resample";
export { Trainer, type TrainerOptions, type TrainingHistory, type TrainOptions, type EstimateOnOptions } from "./trainer";
export { DVTrainer } from "./dv-trainer";
export { ResamplingTrainer, MINETrainer, MINEfTrainer, type MINEOptions, type StatisticsNetwork } from "./mine-trainer";
export { MINEE, type MINEEOptions } from "./minee";
export { estimateMI, type EstimateMIOptions, type MIEstimate, type EstimationMethod } from "./estimate-mi";
export type { Evaluation } from "./statistics";

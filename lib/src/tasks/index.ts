export { type Task, type InformationUnit, natsToBits } from "./task";
export { gaussianMI, bivariateGaussian, correlatedPairs, gaussianChannel, type ChannelOptions } from "./gaussian";
export { gaussianMixture } from "./mixture";
export {
  gaussianCovarianceMI,
  denseCovariance,
  sparseCovariance,
  multivariateGaussian,
  type MultivariateGaussianOptions,
} from "./multivariate-gaussian";
export { studentTCorrection, multivariateStudentT, type StudentTOptions } from "./student-t";
export { halfCube, asinh, normalCdfMap, cube, spiral, transformedTask, type VectorMap, type TransformOptions } from "./transformed";
export { logGamma, digamma, normalCdf, normalQuantile } from "./special-functions";
export { MI_TASKS, miTasks, miTask } from "./registry";
export { ADVERSARIAL_TASKS, channelWithMI, additiveNoiseMI, roundedGaussianMI, binaryInputMI } from "./adversarial";
export { courseData, type CourseData } from "./course-data";
export { HELD_OUT_TASKS, discreteMI, categoricalGaussianMI, unequalMixtureMI, UNEQUAL_MIXTURE } from "./held-out";
export {
  FRESH_TASKS, annulusMI, tanhNoiseMI, frankCopulaDensity, frankCopulaMI, gaussianMixtureEntropy, mixtureChannelMI, irwinHallDensity, uniformSumMI,
  exponentialSumMI, censoredGaussianMI, symmetricChannelMI, rankDeficientMI, ANNULUS, OUTLIERS, UNIFORM_SUM, CENSORED_RHO, CLASS_CHANNEL,
  LOGNORMAL_MIXING,
} from "./fresh";
export {
  UNSEEN_TASKS, binaryEntropy, roundedPairMI, atomMixtureMI, twoClassGaussianMI, repeatedObservationMI, wrappedAngleMI, multiplicativeNoiseMI,
  sawtoothMI, exponentialRateMI, needleMixtureMI, classShapeMI, uniformNoiseMI, RATE_OFFSET, RECORD_COPIES, CLASS_SHAPE, ATOM, TWO_CLASS, WIDE_Y, ANGLE_NOISE, MULTIPLICATIVE_SIGMA, SAWTOOTH, NEEDLE,
} from "./unseen";

export { type Task, type InformationUnit, natsToBits } from "./task";
export { gaussianMI, bivariateGaussian, correlatedPairs, gaussianChannel, type ChannelOptions } from "./gaussian";
export { gaussianMixture } from "./mixture";
export { courseData, type CourseData } from "./course-data";

export * as tf from "@tensorflow/tfjs";
export * from "./backend";
export * from "./random";
export * from "./tasks";
export * from "./estimators";
export * from "./plot";
export * from "./results";

// tfjs-core, not the union package: its typings are what a kernel compiles with the first cell that
// imports neural-mi, and the union package's (layers, converter, data, webgl) doubled that. The
// union package is still loaded at run time (backend/), for the gradients and chained methods.
export * as tf from "@tensorflow/tfjs-core";
export * from "./backend";
export * from "./random";
export * from "./tasks";
export * from "./estimators";
export * from "./plot";
export * from "./results";

import { startCountingReferenceCalls } from "./estimators/reference-guard";
startCountingReferenceCalls();

// tfjs-core, not the union package: its typings are what a kernel compiles with the first cell that
// imports neural-mi, and the union package's (layers, converter, data, webgl) doubled that. The
// union package is still loaded at run time (backend/), for the gradients and chained methods.
// The chained methods' typings (`t.exp().mean()`) augment tfjs-core's Tensor from files of their
// own, which only the union package's typings pull in: referenced here, kept in index.d.ts
// (preserve), types only (the files are ES modules, a second copy of tfjs-core if required).
/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" preserve="true" />
// Rank-keeping overloads for the chained methods tfjs-core types as returning a plain Tensor.
import "./chained-ranks";
export * as tf from "@tensorflow/tfjs-core";
export * from "./backend";
export * from "./random";
export * from "./tasks";
export * from "./estimators";
export * from "./plot";
export * from "./results";

import { startCountingReferenceCalls } from "./estimators/reference-guard";
startCountingReferenceCalls();

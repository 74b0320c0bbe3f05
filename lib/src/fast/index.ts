/**
 * A fused training step for the standard network (forward, backward and Adam in one
 * WebAssembly call with SIMD), used by the trainers when the network is the standard
 * `Net` and the loss is the trainer's own. It computes what the TensorFlow.js path
 * computes, to float32 rounding.
 */
export { kernelStatus, KERNEL_FILE, type KernelStatus } from "./kernel";
export { FusedNet, canFuse, type AdamSettings, type LossGradient, type RowSelection, type StandardNetLayers } from "./fused-net";
export { gatherRows, rowSource, type RowPart, type RowSource } from "./rows";
export { registerMatMulGradient } from "./matmul-gradient";

// Rank-keeping types for tfjs-core's chained methods that lose the rank: `h.elu()` and `a.add(b)`
// are typed to return a plain Tensor unless given one (`h.elu<tf.Tensor2D>()`), so
// `x.matMul(w).add(b).elu()` could not be returned as the Tensor2D that `tf.elu(...)` gives.
// Types only: the methods are tfjs-core's, registered at run time by the union package.
//
// Each overload below applies to a tensor of known rank (Tensor2D, Variable<Rank.R2>…) and, for
// the element-wise binary methods, an argument of the same rank or lower, or a number, which
// broadcasts into it. Anything else (a Tensor of unknown rank, an array, an explicit type argument
// `t.elu<tf.Tensor2D>()`, which the rank parameter refuses) gives way to tfjs-core's own overload,
// so every call that compiled before still compiles to the same type. These overloads come first,
// ahead of tfjs-core's, because this file is read after tfjs-core's chained-method files (which
// index.ts references first) and a later declaration's overloads go ahead of earlier ones.
import type { DataType, Rank, Tensor } from "@tensorflow/tfjs-core";

/** unknown for one rank; never for the union of all ranks, a tensor whose rank the types do not know. */
type KnownRank<R extends Rank> = Rank extends R ? never : unknown;

/** The ranks that broadcast into rank R: R itself and every lower one. */
interface RanksUpTo {
  R0: Rank.R0;
  R1: Rank.R0 | Rank.R1;
  R2: Rank.R0 | Rank.R1 | Rank.R2;
  R3: Rank.R0 | Rank.R1 | Rank.R2 | Rank.R3;
  R4: Rank.R0 | Rank.R1 | Rank.R2 | Rank.R3 | Rank.R4;
  R5: Rank.R0 | Rank.R1 | Rank.R2 | Rank.R3 | Rank.R4 | Rank.R5;
  R6: Rank;
}

/** What an element-wise binary method of a rank-R tensor takes and still gives rank R. */
type BroadcastsInto<R extends Rank> = TensorOfRank<RanksUpTo[R]> | number;
type TensorOfRank<R> = R extends Rank ? Tensor<R> : never;

/** `this` of a rank-keeping overload: a tensor of known rank R. */
type Ranked<R extends Rank> = Tensor<R> & KnownRank<R>;

declare module "@tensorflow/tfjs-core/dist/tensor" {
  interface Tensor<R extends Rank = Rank> {
    elu<S extends Rank>(this: Ranked<S>): Tensor<S>;
    relu<S extends Rank>(this: Ranked<S>): Tensor<S>;
    relu6<S extends Rank>(this: Ranked<S>): Tensor<S>;
    selu<S extends Rank>(this: Ranked<S>): Tensor<S>;
    leakyRelu<S extends Rank>(this: Ranked<S>, alpha: number): Tensor<S>;
    prelu<S extends Rank>(this: Ranked<S>, alpha: BroadcastsInto<S>): Tensor<S>;
    clipByValue<S extends Rank>(this: Ranked<S>, min: number, max: number): Tensor<S>;
    cast<S extends Rank>(this: Ranked<S>, dtype: DataType): Tensor<S>;
    logicalNot<S extends Rank>(this: Ranked<S>): Tensor<S>;

    add<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    sub<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    mul<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    div<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    divNoNan<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    floorDiv<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    mod<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    pow<S extends Rank>(this: Ranked<S>, exp: BroadcastsInto<S>): Tensor<S>;
    maximum<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    minimum<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    squaredDifference<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    atan2<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    equal<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    notEqual<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    greater<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    greaterEqual<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    less<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    lessEqual<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    logicalAnd<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    logicalOr<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;
    logicalXor<S extends Rank>(this: Ranked<S>, b: BroadcastsInto<S>): Tensor<S>;

    /** A matrix times a matrix is a matrix (tfjs-core types any product as a plain Tensor). */
    matMul(this: Tensor2D, b: Tensor2D, transposeA?: boolean, transposeB?: boolean): Tensor2D;
  }
}

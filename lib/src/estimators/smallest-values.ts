/**
 * The k smallest of a stream of numbers, kept in a max-heap of k: a scan over n values keeps k
 * of them instead of all n, and `bound()` lets it give up on a value as soon as it is known to be
 * larger than every one kept.
 */
export class SmallestValues {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.heap = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** A value at or above this cannot change the kept ones: the largest kept once k are, else Infinity. */
  bound(): number {
    return this.size < this.capacity ? Infinity : this.heap[0];
  }

  offer(value: number): void {
    const heap = this.heap;
    if (this.size < this.capacity) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent] >= value) break;
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = value;
      return;
    }
    if (!(value < heap[0])) return;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && heap[child + 1] > heap[child]) child += 1;
      if (heap[child] <= value) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = value;
  }

  /** The kept values (the min(k, offered) smallest), in increasing order. */
  sorted(): Float64Array {
    return this.heap.slice(0, this.size).sort();
  }
}

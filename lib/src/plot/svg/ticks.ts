/** Round tick values for an axis range, about `target` of them and at least three. */
export function niceTicks(low: number, high: number, target: number): number[] {
  if (!(high > low) || !Number.isFinite(high - low)) return Number.isFinite(low) ? [low] : [];
  let ticks = ticksWithStep(low, high, niceStep((high - low) / Math.max(1, target)));
  for (let more = 2; ticks.length < 3 && more <= 8; more *= 2) {
    ticks = ticksWithStep(low, high, niceStep((high - low) / Math.max(1, target * more)));
  }
  return ticks;
}

function ticksWithStep(low: number, high: number, step: number): number[] {
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(k * step);
  return ticks;
}

/** 1, 2 or 5 times a power of ten, whichever is nearest to `raw` on a log scale. */
function niceStep(raw: number): number {
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const normalised = raw / magnitude;
  return (normalised < Math.SQRT2 ? 1 : normalised < Math.sqrt(10) ? 2 : normalised < Math.sqrt(50) ? 5 : 10) * magnitude;
}

/** Labels for evenly spaced ticks with just enough decimals to tell them apart. */
export function formatTicks(ticks: number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]) || 1;
  const largest = Math.max(...ticks.map(Math.abs));
  if (largest >= 1e6 || step < 1e-5) return ticks.map((v) => (v === 0 ? "0" : v.toExponential(1)));
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return ticks.map((v) => {
    const label = v.toFixed(decimals);
    return /^-0(\.0*)?$/.test(label) ? label.slice(1) : label;
  });
}

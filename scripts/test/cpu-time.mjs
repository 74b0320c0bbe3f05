// CPU seconds (user + system) spent by this process and by every child it has waited for,
// read from /proc/self/stat. null where there is no /proc (not Linux).
import fs from "node:fs";

// /proc counts in clock ticks of USER_HZ, which Linux fixes at 100 for user space.
const TICKS_PER_SECOND = 100;

export function cpuSecondsSpent() {
  let stat;
  try {
    stat = fs.readFileSync("/proc/self/stat", "utf8");
  } catch {
    return null;
  }
  // the command name (field 2) is in parentheses and may hold spaces: count from after it
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields 14–17 of proc(5): utime, stime, cutime, cstime; here field 3 is at index 0
  const ticks = fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : null;
}

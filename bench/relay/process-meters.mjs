// What the benchmark process itself costs while a phase runs: resident memory sampled every
// 100 ms (peak, start, end), event-loop utilisation (how much of the wall time the one JS thread
// was busy) and CPU time in cores. Hub, load generator and receiver share the process, so these
// figures cover all three.
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

// A full GC before each memory reading, so the JS heap figures are live data, not garbage not
// yet collected (the usual way to reach gc() without starting node with --expose-gc).
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc");

const MB = 1024 * 1024;

export function startRssSampler(intervalMs = 100) {
  let peak = process.memoryUsage().rss;
  let phasePeak = peak;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
    if (rss > phasePeak) phasePeak = rss;
  }, intervalMs);
  timer.unref();
  return {
    get peakMb() {
      return peak / MB;
    },
    /** Starts a phase: its peak is counted from now; start and end are read after a full GC. */
    phase() {
      collect();
      const start = process.memoryUsage();
      phasePeak = start.rss;
      return {
        end() {
          collect();
          const end = process.memoryUsage();
          return {
            startMb: start.rss / MB,
            endMb: end.rss / MB,
            peakMb: phasePeak / MB,
            heapStartMb: start.heapUsed / MB,
            heapEndMb: end.heapUsed / MB,
          };
        },
      };
    },
    stop: () => clearInterval(timer),
  };
}

/** Event-loop utilisation and CPU cores used from now until `end()`. */
export function startMeter() {
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  return {
    end() {
      const wallMs = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      return {
        wallMs,
        eventLoopBusy: performance.eventLoopUtilization(elu).utilization,
        cores: (used.user + used.system) / 1000 / wallMs,
      };
    },
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50 / p99 / max of unsorted values. */
export function spread(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US")) : "–");

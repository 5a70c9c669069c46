import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { IngestCounters } from "../ingest/ingest-pipeline.js";
import type { Store } from "../store/store.js";
import type { DestinationOutboxStats } from "../store/store-records.js";

/** How one delivery attempt ended, as the relay classifies it. */
export type DeliveryMetricOutcome = "delivered" | "retry" | "dead";

/**
 * The hub's Prometheus metrics, in a registry of their own (never the process-global one, so
 * two hubs in one process or one test file do not collide). The ingest pipeline counts through
 * `countReceived`/`countRejected`; the relay calls `recordDelivery` and `observeEndToEnd`.
 */
export interface HubMetrics extends IngestCounters {
  readonly registry: Registry;
  /** One attempt's outcome; `attempts` (so far, this one included) is observed once the delivery is final. */
  recordDelivery(destination: string, outcome: DeliveryMetricOutcome, attempts: number): void;
  /** Seconds from receipt at this hub to confirmed delivery. */
  observeEndToEnd(seconds: number): void;
}

export interface HubMetricsOptions {
  /** Read at scrape time for the outbox gauges. */
  readonly store?: Pick<Store, "outboxStats">;
}

export function createHubMetrics(options: HubMetricsOptions = {}): HubMetrics {
  const registry = new Registry();
  const registers = [registry];
  const received = new Counter({
    name: "eix_messages_received_total",
    help: "Messages accepted (new, duplicate or loop), by source and adapter.",
    labelNames: ["source", "adapter"] as const,
    registers,
  });
  const rejected = new Counter({
    name: "eix_messages_rejected_total",
    help: "Payloads refused, by source, adapter and primary reason code.",
    labelNames: ["source", "adapter", "code"] as const,
    registers,
  });
  const deliveries = new Counter({
    name: "eix_deliveries_total",
    help: "Delivery attempts by destination and outcome (delivered, retry, dead).",
    labelNames: ["destination", "outcome"] as const,
    registers,
  });
  const attempts = new Histogram({
    name: "eix_delivery_attempts",
    help: "Attempts a delivery took once final (delivered or dead), by destination.",
    labelNames: ["destination"] as const,
    buckets: [1, 2, 3, 5, 8, 13, 21],
    registers,
  });
  const endToEnd = new Histogram({
    name: "eix_end_to_end_seconds",
    help: "Seconds from receipt at this hub to confirmed delivery.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers,
  });
  if (options.store) outboxGauges(registers, options.store);
  return {
    registry,
    countReceived: (source, adapter, messages) => received.inc({ source, adapter }, messages),
    countRejected: (source, adapter, code) => rejected.inc({ source, adapter, code }),
    recordDelivery(destination, outcome, attemptCount) {
      deliveries.inc({ destination, outcome });
      if (outcome !== "retry") attempts.observe({ destination }, attemptCount);
    },
    observeEndToEnd: (seconds) => endToEnd.observe(seconds),
  };
}

/**
 * `eix_outbox_depth` and `eix_outbox_oldest_age_seconds`, read from the store at scrape time.
 * The registry collects both gauges at once, and they share the one `outboxStats` read in
 * flight. A destination that drained reads 0 rather than vanishing; a store that fails leaves
 * the gauges empty instead of failing the whole scrape (`/readyz` reports the store).
 */
function outboxGauges(registers: Registry[], store: Pick<Store, "outboxStats">): void {
  let reading: Promise<DestinationOutboxStats[]> | undefined;
  const stats = () => {
    reading ??= store
      .outboxStats()
      .catch((): DestinationOutboxStats[] => [])
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const seen = new Set<string>();
  const refresh = async (gauge: Gauge<"destination">, value: (stat: DestinationOutboxStats) => number) => {
    const current = await stats();
    gauge.reset();
    for (const stat of current) seen.add(stat.destination);
    for (const destination of seen) {
      const stat = current.find((s) => s.destination === destination);
      gauge.set({ destination }, stat ? value(stat) : 0);
    }
  };
  new Gauge({
    name: "eix_outbox_depth",
    help: "Undelivered deliveries (pending, claimed or dead) by destination.",
    labelNames: ["destination"] as const,
    registers,
    async collect() {
      await refresh(this, (stat) => stat.pending + stat.claimed + stat.dead);
    },
  });
  new Gauge({
    name: "eix_outbox_oldest_age_seconds",
    help: "Age of the oldest pending or claimed delivery, by destination.",
    labelNames: ["destination"] as const,
    registers,
    async collect() {
      await refresh(this, (stat) => stat.oldestPendingAgeMs / 1000);
    },
  });
}

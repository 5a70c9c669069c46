// What the relay benchmark prints: one block per store, then a summary beside the reference
// figures of other systems and the aims.
import { int, ms } from "./process-meters.mjs";

const pct = (x) => `${Math.round(x * 100)}%`;
const trio = (s) => `p50 ${ms(s.p50)} / p99 ${ms(s.p99)} / max ${ms(s.max)} ms`;

function refusals(st) {
  const other = [...st.otherStatuses].map(([status, n]) => `${int(n)}×${status}`).join(", ");
  return `429: ${int(st.status429)}, 503: ${int(st.status503)} (${int(st.withRetryAfter)} with Retry-After), other: ${other || 0}, connection errors: ${int(st.errors)}`;
}

function storeCalls(calls, wallMs, kind) {
  return Object.entries(calls)
    .map(([name, c]) => {
      const each = c.calls ? c.totalMs / c.calls : Number.NaN;
      const per = c.calls ? c.items / c.calls : Number.NaN;
      const held =
        kind === "sqlite" ? `, JS thread held ${pct(c.syncMs / wallMs)}` : `, ${pct(c.totalMs / wallMs)} of wall in flight`;
      return `${name} ${int(c.calls)}× (${per.toFixed(1)} items, ${ms(each)} ms each${held})`;
    })
    .join("; ");
}

export function printStore(r, bare) {
  console.log(`${r.label}; load ${r.loadAtStart}; warm-up accepted ${int(r.warmRate)} msgs/s`);
  if (r.sustained) printSustained(r, bare);
  if (r.rates.length > 0) printRates(r.rates);
  if (r.overload) printOverload(r.overload);
  console.log(
    `  hub log lines at warn or above: ${int(r.logLines)}${r.logLines ? ` (last: ${r.lastLogLine.trim().slice(0, 200)})` : ""}`,
  );
  console.log(`  load average at end: ${r.loadAtEnd}\n`);
}

function printSustained(r, bare) {
  const s = r.sustained;
  console.log(`  sustained: ${int(s.count)} msgs, closed loop over 16 connections`);
  console.log(`    accepted (202)   ${int(s.acceptedPerSecond).padStart(7)} msgs/s   answer ${trio(s.answerMs)}`);
  console.log(
    `    delivered        ${int(s.deliveredPerSecond).padStart(7)} msgs/s   ${(s.deliveredPerSecond / bare).toFixed(3)}x bare undici; ${int(s.delivered)} of ${int(s.statuses.accepted)} delivered${s.complete ? "" : " (TIMED OUT)"}, last ${ms(s.backlogDrainMs)} ms after the last 202, ${int(s.duplicates)} duplicates`,
  );
  console.log(`    refused          ${refusals(s.statuses)}`);
  console.log(
    `    commits          ${int(s.transactions)} ingest transactions for ${int(s.stored)} messages (${(s.stored / s.transactions).toFixed(1)} per fsync'd commit)`,
  );
  console.log(
    `    memory           RSS start ${int(s.memory.startMb)} MB, end ${int(s.memory.endMb)} MB, peak ${int(s.memory.peakMb)} MB; JS heap after a full GC ${int(s.memory.heapStartMb)} → ${int(s.memory.heapEndMb)} MB`,
  );
  console.log(
    `    process          ${ms(s.process.wallMs / 1000)} s; event loop busy ${pct(s.process.eventLoopBusy)}, ${s.process.cores.toFixed(2)} cores of CPU (hub + load + receiver)`,
  );
  console.log(`    store calls      ${storeCalls(s.storeCalls, s.process.wallMs, r.kind)}`);
}

function printRates(rates) {
  console.log("  latency: open loop over 16 connections; counted from each send's scheduled time");
  console.log("    offered     for  sent at    delivery p50    p99     max    answer p50    p99   refused  RSS end  loop busy");
  for (const x of rates) {
    const refused = x.statuses.status429 + x.statuses.status503 + x.statuses.other + x.statuses.errors;
    console.log(
      `    ${`${int(x.rate)}/s`.padEnd(9)} ${`${x.seconds} s`.padStart(5)} ${`${int(x.achievedRate)}/s`.padStart(8)}  ${ms(x.delivery.p50).padStart(12)} ${ms(x.delivery.p99).padStart(6)} ${ms(x.delivery.max).padStart(7)} ms ${ms(x.answer.p50).padStart(10)} ${ms(x.answer.p99).padStart(6)} ms ${int(refused).padStart(7)} ${int(x.memory.endMb).padStart(5)} MB ${pct(x.process.eventLoopBusy).padStart(9)}${x.complete ? "" : "  (not all delivered)"}`,
    );
  }
  if (rates.some((x) => x.seconds < rates[0].seconds))
    console.log(
      "    (a rate above 1.25x the sustained delivered rate runs 3 s only: it just builds a backlog, and latency is queueing time that grows with the phase)",
    );
}

function printOverload(o) {
  console.log(
    `  overload: ${int(o.rate)} msgs/s offered for ${Math.round(o.count / o.rate)} s over ${o.connections} connections (sender managed ${int(o.achievedRate)}/s, lag ${trio(o.senderLag)})`,
  );
  console.log(`    202: ${int(o.statuses.accepted)} of ${int(o.count)}; ${refusals(o.statuses)}`);
  console.log(`    answer, all      ${trio(o.answer)}`);
  console.log(`    answer, 202      ${trio(o.answerAccepted)}`);
  console.log(`    answer, 429/503  ${trio(o.answerRefused)}`);
  console.log(`    of which: waiting in the load generator for one of its ${o.connections} connections ${trio(o.clientQueue)}`);
  console.log(`              written on a connection → answer ${trio(o.onWire)}`);
  console.log(
    `    ${o.complete === undefined ? "when the last answer came" : `after waiting for delivery${o.complete ? "" : " (TIMED OUT)"}`}: ${int(o.delivered)} of the ${int(o.statuses.accepted)} accepted delivered${o.complete === undefined ? " (the rest stays in the outbox at close)" : `, delivery ${trio(o.delivery)}`}; RSS peak ${int(o.memory.peakMb)} MB, event loop busy ${pct(o.process.eventLoopBusy)}`,
  );
}

export function printSummary(results, bare, run) {
  const at = (r, rate) => r.rates.find((x) => x.rate === rate);
  const rows = [
    ["sustained accepted, msgs/s", (r) => int(r.sustained?.acceptedPerSecond)],
    ["sustained delivered, msgs/s", (r) => int(r.sustained?.deliveredPerSecond)],
    ["delivered / bare undici", (r) => (r.sustained ? `${(r.sustained.deliveredPerSecond / bare).toFixed(3)}x` : "–")],
    ...[250, 500, 1000].map((rate) => [`delivery p99 at ${int(rate)}/s, ms`, (r) => ms(at(r, rate)?.delivery.p99)]),
    ["answer p99 at 500/s, ms", (r) => ms(at(r, 500)?.answer.p99)],
    [
      "overload: 202 / 429+503",
      (r) =>
        r.overload
          ? `${int(r.overload.statuses.accepted)} / ${int(r.overload.statuses.status429 + r.overload.statuses.status503)}`
          : "–",
    ],
    ["overload answer p99, ms", (r) => ms(r.overload?.answer.p99)],
    [
      "RSS sustained start→end, MB",
      (r) => (r.sustained ? `${int(r.sustained.memory.startMb)}→${int(r.sustained.memory.endMb)}` : "–"),
    ],
  ];
  console.log(
    `summary${" ".repeat(24)}${results.map((r) => (r.kind === "sqlite" ? "SQLite" : "PostgreSQL").padStart(15)).join("")}`,
  );
  for (const [name, cell] of rows) console.log(`  ${name.padEnd(29)}${results.map((r) => cell(r).padStart(15)).join("")}`);
  console.log(`  bare undici → receiver       ${int(bare).padStart(15)} msgs/s (16 connections, same bodies)`);
  console.log(`  peak RSS of the whole run    ${int(run.peakRssMb).padStart(15)} MB (hub + load generator + receiver)`);
  console.log(`  load average start / end     ${run.loadAtStart} / ${run.loadAtEnd}; node ${process.version}`);
  console.log("\nreference figures (other systems, not measured in this run):");
  console.log("  BullMQ relay on Redis        2,242 msgs/s");
  console.log("  pg-boss on PostgreSQL        1,436 acknowledged/s, p99 ≈ 290 ms");
  console.log("  Node-RED                       719 msgs/s, no durability");
  console.log("  bare undici                 13,000 msgs/s");
  const sqlite = results.find((r) => r.kind === "sqlite");
  console.log("aims:");
  const verdict = (ok) => (ok ? "met" : "NOT met");
  if (sqlite?.sustained) {
    const s = sqlite.sustained;
    console.log(
      `  ≥ 2,000 msgs/s sustained on SQLite, durable per message: ${int(s.deliveredPerSecond)} delivered/s, ${int(s.acceptedPerSecond)} accepted/s — ${verdict(s.deliveredPerSecond >= 2000)}`,
    );
  }
  if (sqlite && at(sqlite, 500)) {
    const p99 = at(sqlite, 500).delivery.p99;
    const others = results
      .filter((r) => r !== sqlite && at(r, 500))
      .map((r) => `; PostgreSQL ${ms(at(r, 500).delivery.p99)} ms`)
      .join("");
    console.log(`  p99 ≤ 50 ms at 500 msgs/s (ingest to delivery): SQLite ${ms(p99)} ms — ${verdict(p99 <= 50)}${others}`);
  }
  if (!sqlite) console.log("  (SQLite not measured in this run)");
  console.log(
    `  memory flat: RSS over the sustained phase ${results.map((r) => `${r.kind} ${int(r.sustained?.memory.startMb)}→${int(r.sustained?.memory.endMb)} MB`).join(", ")}; per-rate RSS at the end of each latency phase above`,
  );
}

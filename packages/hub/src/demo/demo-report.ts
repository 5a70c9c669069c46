import { relative } from "node:path";
import type { Language } from "@eix/schema";
import type { Style } from "../cli/style.js";
import { type Row, renderTable } from "../cli/table.js";
import type { DeliveryRecord } from "../store/store-records.js";
import { codesOf, type PostAnswer } from "./demo-posts.js";
import type { DemoRun } from "./demo-scenario.js";

const WORDS = {
  "zh-CN": {
    title: "EIX 演示：枢纽（内置 SQLite）+ 国家平台模拟端",
    hub: "枢纽",
    national: "国家平台模拟端",
    data: "数据目录（库、日志、配置、归档）",
    received: (n: number) => `1. 接收：按发送时间推送 ${n} 条有效示例`,
    receivedHeaders: ["示例", "类别", "答复", "转发至", "说明"],
    withheld: (list: string) => `暂缓 ${list}`,
    resend: (name: string, status: number, receipt: string) => `重发 ${name}：${status}，原回执 ${receipt}，不再转发`,
    badToken: (status: number, code: string) => `错误令牌：${status} ${code}`,
    rejected: (n: number) => `2. 拒收：${n} 条无效示例（原因与声明对照）`,
    rejectedHeaders: ["示例", "答复", "错误代码", "与声明"],
    asDeclared: "✓ 一致",
    notAsDeclared: (codes: string) => `✗ 声明为 ${codes}`,
    weather: (n: number, dir: string) => `3. 气象：${n} 个 12379 文件（${dir}），以 weather.cn12379 解码`,
    weatherHeaders: ["文件", "答复", "结果"],
    noWeather: "3. 气象：未找到 12379 语料目录，跳过",
    accepted: "接收",
    duplicate: "重复（原回执）",
    refusedWith: (codes: string) => `拒收 ${codes}`,
    satellite: (n: number) => `4. 卫星热点：${n} 次过境的热点通报，以 forestry.hotspots 聚类为疑似火情`,
    satelliteHeaders: ["通报", "答复", "疑似火情", "报告", "说明"],
    stages: { initial: "初报", update: "续报", final: "终报" } as Record<string, string>,
    joined: "按位置和时间归入已知火场",
    relayed: "5. 转发",
    relayedHeaders: ["目的地", "投递", "已送达", "重试过", "尝试次数", "死信→重放"],
    standIn: (total: number, accepted: number, busy: number, refused: number, duplicates: number) =>
      `国家平台模拟端共收到 ${total} 次请求：接收 ${accepted}，繁忙 503 ${busy}，拒收 400 ${refused}，重复 ${duplicates}；中途中断约 1.5 秒（连接被拒）`,
    dead: "6. 死信与重放",
    deadLine: (d: DeliveryRecord) => `投递 #${d.deliveryId} → ${d.destination}，消息 ${d.messageId}：${d.lastError ?? "-"}`,
    replayLine: (status: number, final: DeliveryRecord | undefined) =>
      `  修复后经 POST /v1/deliveries/:id/replay 重放：${status}；最终 ${final?.state ?? "?"}（共 ${final?.attempts ?? "?"} 次尝试）`,
    noDead: "无死信",
    checks: "检查",
    done: (seconds: string) => `演示完成，用时 ${seconds} 秒`,
    failed: "演示未按预期完成",
    logs: (log: string, config: string) => `日志 ${log}；用 eix serve --config ${config} 可再次启动此枢纽`,
  },
  en: {
    title: "EIX demo: a hub (embedded SQLite) and a national-platform stand-in",
    hub: "hub",
    national: "national stand-in",
    data: "data directory (store, log, config, archive)",
    received: (n: number) => `1. Received: ${n} valid examples, posted in the order they were sent`,
    receivedHeaders: ["example", "kind", "answer", "routed to", "notes"],
    withheld: (list: string) => `withheld ${list}`,
    resend: (name: string, status: number, receipt: string) =>
      `resend of ${name}: ${status}, original receipt ${receipt}, not relayed again`,
    badToken: (status: number, code: string) => `wrong token: ${status} ${code}`,
    rejected: (n: number) => `2. Rejected: ${n} invalid examples (reasons against their declarations)`,
    rejectedHeaders: ["example", "answer", "error codes", "declared"],
    asDeclared: "✓ as declared",
    notAsDeclared: (codes: string) => `✗ declared ${codes}`,
    weather: (n: number, dir: string) => `3. Weather: ${n} 12379 files (${dir}), decoded by weather.cn12379`,
    weatherHeaders: ["file", "answer", "result"],
    noWeather: "3. Weather: no 12379 corpus found, skipped",
    accepted: "accepted",
    duplicate: "duplicate (original receipt)",
    refusedWith: (codes: string) => `refused ${codes}`,
    satellite: (n: number) =>
      `4. Satellite hotspots: ${n} passes of a hotspot bulletin, clustered into candidate fires by forestry.hotspots`,
    satelliteHeaders: ["bulletin", "answer", "candidate fire", "report", "notes"],
    stages: { initial: "initial", update: "update", final: "final" } as Record<string, string>,
    joined: "joined to a known fire by place and time",
    relayed: "5. Relayed",
    relayedHeaders: ["destination", "deliveries", "delivered", "retried", "attempts", "dead→replayed"],
    standIn: (total: number, accepted: number, busy: number, refused: number, duplicates: number) =>
      `the national stand-in got ${total} requests: ${accepted} accepted, ${busy} busy (503), ${refused} refused (400), ${duplicates} duplicates; it was down for about 1.5 s (connections refused)`,
    dead: "6. Dead letters and replay",
    deadLine: (d: DeliveryRecord) =>
      `delivery #${d.deliveryId} → ${d.destination}, message ${d.messageId}: ${d.lastError ?? "-"}`,
    replayLine: (status: number, final: DeliveryRecord | undefined) =>
      `  replayed after the fix through POST /v1/deliveries/:id/replay: ${status}; finally ${final?.state ?? "?"} (${final?.attempts ?? "?"} attempts)`,
    noDead: "no dead letters",
    checks: "Checks",
    done: (seconds: string) => `demo complete in ${seconds} s`,
    failed: "the demo did not go as expected",
    logs: (log: string, config: string) => `log ${log}; \`eix serve --config ${config}\` starts this hub again`,
  },
} as const;

const heading = (headers: readonly string[], style: Style): Row => headers.map((text) => ({ text, paint: style.bold }));
const codeList = (codes: readonly string[]) => (codes.length > 0 ? codes.join(" ") : "-");
/** A path as the reader knows it: relative to the working directory when shorter. */
const shown = (path: string) => {
  const here = relative(process.cwd(), path);
  return here.length < path.length && !here.startsWith("../..") ? here : path;
};

function receivedRows(answers: readonly PostAnswer[], language: Language, style: Style): Row[] {
  const w = WORDS[language];
  const rows: Row[] = [heading(w.receivedHeaders, style)];
  for (const answer of answers) {
    const receipt = answer.receipts[0];
    const withheld = (receipt?.withheld ?? []).map((item) => `${item.destination} (${item.reason})`);
    const notes = [...codesOf(answer, "warning"), ...(withheld.length > 0 ? [w.withheld(withheld.join(", "))] : [])];
    rows.push([
      answer.post.name,
      answer.post.kind ?? "-",
      { text: String(answer.status), paint: answer.status === 202 ? style.good : style.bad },
      receipt && receipt.destinations.length > 0 ? receipt.destinations.join(", ") : "-",
      { text: notes.join("; "), paint: style.warn },
    ]);
  }
  return rows;
}

function weatherResult(answer: PostAnswer, language: Language): string {
  const w = WORDS[language];
  if (answer.status === 202) return `${w.accepted} → ${answer.receipts[0]?.destinations.join(", ") || "-"}`;
  if (answer.status === 200) return w.duplicate;
  const codes = codesOf(answer, "error");
  return w.refusedWith(codes.length > 0 ? codes.join(" ") : (answer.errorCode ?? answer.failure ?? String(answer.status)));
}

function satelliteRows(run: DemoRun, language: Language, style: Style): Row[] {
  const w = WORDS[language];
  const rows: Row[] = [heading(w.satelliteHeaders, style)];
  for (const answer of run.satellite) {
    const notes = [
      ...(answer.joined ? [w.joined] : []),
      ...codesOf(answer, "warning").filter((code) => code !== "EIX_INGEST_FOLLOW_UP_JOINED"),
    ];
    const fires = answer.fires.length > 0 ? answer.fires : [undefined];
    fires.forEach((fire, i) => {
      rows.push([
        i === 0 ? answer.post.name : "",
        i === 0 ? { text: String(answer.status), paint: answer.status === 202 ? style.good : style.bad } : "",
        fire?.incidentId ?? "-",
        fire ? `${w.stages[fire.stage] ?? fire.stage} #${fire.sequence}` : "-",
        i === 0 ? { text: notes.join("; "), paint: style.warn } : "",
      ]);
    });
  }
  return rows;
}

function relayRows(run: DemoRun, language: Language, style: Style): Row[] {
  const w = WORDS[language];
  const rows: Row[] = [heading(w.relayedHeaders, style)];
  const destinations = [...new Set(run.deliveries.map((d) => d.destination))].sort();
  for (const destination of destinations) {
    const mine = run.deliveries.filter((d) => d.destination === destination);
    const delivered = mine.filter((d) => d.state === "delivered").length;
    const dead = run.deadBeforeReplay.filter((d) => d.destination === destination).length;
    const replayed = run.replays.filter((r) => r.delivery.destination === destination && r.status === 200).length;
    rows.push([
      destination,
      String(mine.length),
      { text: String(delivered), paint: delivered === mine.length ? style.good : style.bad },
      String(mine.filter((d) => d.attempts > 1).length),
      String(mine.reduce((sum, d) => sum + d.attempts, 0)),
      dead > 0 ? `${dead} → ${replayed}` : "0",
    ]);
  }
  return rows;
}

/** The demo's report, in one language: what was received, refused, relayed, retried, dead-lettered. */
export function demoRunReport(run: DemoRun, language: Language, style: Style): string {
  const w = WORDS[language];
  const lines: string[] = [style.bold(w.title), ""];
  lines.push(
    ...renderTable(
      [
        [w.hub, run.hubUrl],
        [w.national, run.nationalUrl],
        [w.data, run.dataDir],
      ],
      { indent: "  " },
    ),
  );

  lines.push("", style.bold(w.received(run.valid.length)));
  lines.push(...renderTable(receivedRows(run.valid, language, style), { indent: "  " }));
  lines.push(
    `  ${w.resend(run.resend.post.name, run.resend.status, run.resend.receipts[0]?.receiptId ?? "-")}`,
    `  ${w.badToken(run.badToken.status, run.badToken.errorCode ?? "-")}`,
  );

  lines.push("", style.bold(w.rejected(run.invalid.length)));
  const rejected: Row[] = [heading(w.rejectedHeaders, style)];
  for (const answer of run.invalid) {
    const codes = codesOf(answer, "error");
    const [first = answer.errorCode ?? "-", ...more] = codes;
    const verdict = answer.asDeclared ? w.asDeclared : w.notAsDeclared(codeList(answer.declaredCodes));
    rejected.push([
      answer.post.name,
      String(answer.status),
      { text: first, paint: style.dim },
      { text: verdict, paint: answer.asDeclared ? style.good : style.bad },
    ]);
    for (const code of more) rejected.push(["", "", { text: code, paint: style.dim }, ""]);
  }
  lines.push(...renderTable(rejected, { indent: "  " }));

  lines.push("");
  if (run.weatherDir === undefined) lines.push(style.bold(w.noWeather));
  else {
    lines.push(style.bold(w.weather(run.weather.length, shown(run.weatherDir))));
    const rows: Row[] = [heading(w.weatherHeaders, style)];
    for (const answer of run.weather) rows.push([answer.post.name, String(answer.status), weatherResult(answer, language)]);
    lines.push(...renderTable(rows, { indent: "  " }));
  }

  lines.push("", style.bold(w.satellite(run.satellite.length)));
  lines.push(...renderTable(satelliteRows(run, language, style), { indent: "  " }));

  lines.push("", style.bold(w.relayed));
  lines.push(...renderTable(relayRows(run, language, style), { indent: "  " }));
  const requests = run.national.requests;
  const count = (answer: string) => requests.filter((r) => r.answer === answer).length;
  lines.push(`  ${w.standIn(requests.length, count("accepted"), count("busy"), count("refused"), count("duplicate"))}`);

  lines.push("", style.bold(w.dead));
  if (run.deadBeforeReplay.length === 0) lines.push(`  ${w.noDead}`);
  for (const step of run.replays) {
    const final = run.deliveries.find((d) => d.deliveryId === step.delivery.deliveryId);
    lines.push(`  ${w.deadLine(step.delivery)}`, w.replayLine(step.status, final));
  }

  lines.push("", style.bold(w.checks));
  for (const item of run.checks) lines.push(`  ${item.ok ? style.good("✓") : style.bad("✗")} ${item.text[language]}`);
  const ok = run.checks.every((item) => item.ok);
  lines.push(
    "",
    ok ? style.good(`✓ ${w.done((run.elapsedMs / 1000).toFixed(1))}`) : style.bad(`✗ ${w.failed}`),
    style.dim(w.logs(shown(run.logFile), shown(run.configFile))),
    "",
  );
  return lines.join("\n");
}

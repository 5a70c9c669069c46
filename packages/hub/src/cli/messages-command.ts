import type { Language } from "@eix/schema";
import { CliError } from "../errors.js";
import { openConfiguredStore } from "../serve/open-store.js";
import type { StoredMessage } from "../store/store-records.js";
import { loadConfigOrReport } from "./hub-config-file.js";
import type { CliIo } from "./io.js";
import { parseOperatorArgs } from "./operator-args.js";
import { messagesUsage } from "./usage.js";

function describe(message: StoredMessage, language: Language): string {
  const en = language === "en";
  const { envelope } = message;
  const lines = [
    `${en ? "message" : "消息"}      ${message.messageId}`,
    `${en ? "unit" : "单位"}         ${message.unitId} (${envelope.sender.name})`,
    `${en ? "kind" : "类型"}         ${envelope.kind}  status=${envelope.status}  classification=${envelope.classification}`,
    `${en ? "receipt" : "回执"}      ${message.receiptId}  ${message.receivedAt.toISOString()}`,
    `${en ? "source" : "来源"}       ${message.provenance.source}${message.provenance.adapter ? `  adapter=${message.provenance.adapter.id}` : ""}`,
    `raw          ${message.raw.byteLength} bytes  sha256=${message.rawSha256}`,
  ];
  for (const w of message.provenance.withheld ?? [])
    lines.push(`${en ? "withheld" : "未投递"}     ${w.destination}  ${w.reason}`);
  lines.push(en ? "deliveries:" : "投递 deliveries:");
  for (const d of message.deliveries) {
    const error = d.lastError ? `  ${d.lastError}` : "";
    lines.push(`  #${d.deliveryId}  ${d.destination.padEnd(20)} ${d.state.padEnd(9)} attempts=${d.attempts}${error}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `eix messages show ID --config FILE [--unit U] [--json]`: what the hub holds of one message —
 * receipt, provenance, and every delivery with its state, attempts and last error. Exit 0 when
 * found, 1 when not, 2 on a usage or configuration error.
 */
export async function messagesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOperatorArgs(
    args,
    {
      config: { type: "string" },
      unit: { type: "string" },
      json: { type: "boolean" },
      lang: { type: "string" },
      help: { type: "boolean" },
    },
    [],
    2,
  );
  if (values.help) {
    io.stdout.write(messagesUsage);
    return 0;
  }
  const [action, id] = positionals;
  if (action !== "show" || id === undefined || values.config === undefined)
    throw new CliError("EIX_CLI_USAGE", {
      reason: { "zh-CN": "用法：eix messages show ID --config FILE", en: "usage: eix messages show ID --config FILE" },
    });
  const language: Language = values.lang === "en" ? "en" : "zh-CN";
  const config = await loadConfigOrReport(values.config, io, language);
  if (!config) return 2;
  const store = await openConfiguredStore(config.store);
  try {
    const message = await store.getMessage(id, values.unit);
    if (!message) {
      io.stderr.write(language === "en" ? `no message ${id}\n` : `找不到消息 ${id} (no such message)\n`);
      return 1;
    }
    if (values.json) {
      const { raw, ...rest } = message;
      io.stdout.write(`${JSON.stringify({ ...rest, raw: Buffer.from(raw).toString("base64") }, null, 2)}\n`);
    } else io.stdout.write(describe(message, language));
    return 0;
  } finally {
    await store.close();
  }
}

import type { Language } from "@eix/schema";
import { CliError } from "../errors.js";
import { openConfiguredStore } from "../serve/open-store.js";
import type { ReplayFilter } from "../store/store-records.js";
import { loadConfigOrReport } from "./hub-config-file.js";
import type { CliIo } from "./io.js";
import { parseOperatorArgs } from "./operator-args.js";
import { replayUsage } from "./usage.js";

function badValue(option: string, value: string): CliError {
  return new CliError("EIX_CLI_USAGE", {
    reason: { "zh-CN": `选项 “${option}” 的取值 “${value}” 无效`, en: `option "${option}" has an invalid value "${value}"` },
  });
}

/**
 * `eix replay --config FILE [--destination D] [--id MESSAGE_ID] [--delivery N] [--since TIME]`:
 * puts dead letters (死信) back in the queue, due now with attempts reset. A running hub's
 * relay picks them up at its next pass. Exit 0 when something was re-queued, 1 when nothing
 * matched, 2 on a usage or configuration error.
 */
export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseOperatorArgs(
    args,
    {
      config: { type: "string" },
      destination: { type: "string" },
      id: { type: "string" },
      unit: { type: "string" },
      delivery: { type: "string" },
      since: { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean" },
    },
    [],
    0,
  );
  if (values.help) {
    io.stdout.write(replayUsage);
    return 0;
  }
  if (values.config === undefined)
    throw new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": "缺少 --config", en: "--config is required" } });
  if (values.destination === undefined && values.id === undefined && values.delivery === undefined)
    throw new CliError("EIX_CLI_USAGE", {
      reason: {
        "zh-CN": "至少指定 --destination、--id 或 --delivery 之一",
        en: "give at least one of --destination, --id, --delivery",
      },
    });
  const deliveryId = values.delivery === undefined ? undefined : Number(values.delivery);
  if (deliveryId !== undefined && !Number.isSafeInteger(deliveryId)) throw badValue("--delivery", String(values.delivery));
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) throw badValue("--since", String(values.since));
  const language: Language = values.lang === "en" ? "en" : "zh-CN";
  const config = await loadConfigOrReport(values.config, io, language);
  if (!config) return 2;
  const filter: ReplayFilter = {
    ...(values.destination === undefined ? {} : { destination: values.destination }),
    ...(values.id === undefined ? {} : { messageId: values.id }),
    ...(values.unit === undefined ? {} : { unitId: values.unit }),
    ...(deliveryId === undefined ? {} : { deliveryId }),
    ...(since ? { since } : {}),
  };
  const store = await openConfiguredStore(config.store);
  try {
    const count = await store.replay(filter);
    io.stdout.write(
      language === "en" ? `${count} dead deliveries re-queued\n` : `已重新排队 ${count} 条死信投递 (${count} re-queued)\n`,
    );
    return count > 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

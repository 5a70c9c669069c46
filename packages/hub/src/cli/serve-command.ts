import type { Language } from "@eix/schema";
import { startHub } from "../serve/start-hub.js";
import { loadConfigOrReport } from "./hub-config-file.js";
import type { CliIo } from "./io.js";
import { parseOperatorArgs } from "./operator-args.js";
import { serveUsage } from "./usage.js";

/**
 * `eix serve --config FILE [--port N]`: runs the hub until SIGTERM or SIGINT, then stops it
 * cleanly (no new input, what was taken committed, sends in flight finished). Logs are JSON
 * lines on stdout.
 */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseOperatorArgs(
    args,
    { config: { type: "string" }, port: { type: "string" }, lang: { type: "string" }, help: { type: "boolean" } },
    [],
    0,
  );
  if (values.help || values.config === undefined) {
    io.stdout.write(serveUsage);
    return values.help ? 0 : 2;
  }
  const language: Language = values.lang === "en" ? "en" : "zh-CN";
  const config = await loadConfigOrReport(values.config, io, language);
  if (!config) return 2;
  const hub = await startHub(config, values.port === undefined ? {} : { port: Number(values.port) });
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  await hub.close();
  return 0;
}

import type { Language } from "@eix/schema";
import { formatConfigIssues, isConfigError } from "../config/config-errors.js";
import type { HubConfig } from "../config/config-model.js";
import { loadHubConfig } from "../config/load-hub-config.js";
import type { CliIo } from "./io.js";

/** Loads `--config`; on problems prints every one of them (file:line:col, code, message) and returns undefined. */
export async function loadConfigOrReport(path: string, io: CliIo, language: Language): Promise<HubConfig | undefined> {
  try {
    return await loadHubConfig(path);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    io.stderr.write(`${formatConfigIssues(error.issues, language)}\n`);
    return undefined;
  }
}

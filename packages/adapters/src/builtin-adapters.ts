import type { Adapter } from "./contract.js";
import { forestryFireReportAdapter } from "./forestry/fire-report/index.js";
import { forestryHotspotsAdapter } from "./forestry/hotspots/index.js";
import { healthHl7v2Adapter } from "./health/hl7v2/index.js";
import { healthPheReportAdapter } from "./health/phe-report/index.js";
import { nationalBatchAdapter } from "./national/batch/index.js";
import { nationalEdxlAdapter } from "./national/edxl/index.js";
import { publicSecurityCad110Adapter } from "./public-security/cad110/index.js";
import { publicSecurityEidoAdapter } from "./public-security/eido/index.js";
import { publicSecurityUcri2Adapter } from "./public-security/ucri2/index.js";
import { AdapterRegistry } from "./registry.js";
import { weatherCapAdapter } from "./weather/cap/index.js";
import { weatherCn12379Adapter } from "./weather/cn12379/index.js";

/** The adapters that ship with EIX, in the order sniffing breaks ties. */
export const builtinAdapters: readonly Adapter[] = [
  weatherCn12379Adapter,
  weatherCapAdapter,
  healthHl7v2Adapter,
  healthPheReportAdapter,
  forestryFireReportAdapter,
  nationalEdxlAdapter,
  nationalBatchAdapter,
  publicSecurityCad110Adapter,
  publicSecurityEidoAdapter,
  publicSecurityUcri2Adapter,
  forestryHotspotsAdapter,
];

/**
 * A registry with the built-in adapters, plus any of the caller's own: third-party adapters go
 * through the same `register` checks as the built-in ones.
 */
export function createRegistry(extra: readonly Adapter[] = []): AdapterRegistry {
  const registry = new AdapterRegistry();
  for (const adapter of [...builtinAdapters, ...extra]) registry.register(adapter);
  return registry;
}

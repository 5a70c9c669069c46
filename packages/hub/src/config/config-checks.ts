import { accessSync, constants } from "node:fs";
import type { AdapterRegistry } from "@eix/adapters";
import { lookupRegion, regionTableInfo } from "@eix/schema";
import {
  DEFAULT_HTTP,
  DEFAULT_HTTP_TIMEOUTS,
  DEFAULT_MLLP_SOURCE,
  DEFAULT_MLLP_TIMEOUTS,
  DEFAULT_RELAY,
  DEFAULT_RETRY,
  resolveConfigPath,
} from "./config-defaults.js";
import type { ConfigProblem } from "./config-errors.js";
import type { Environment } from "./env-substitution.js";
import { childPointer } from "./json-pointer.js";
import { unitTokenHashes } from "./unit-credentials.js";

// The checks a JSON Schema cannot express: references between sections, uniqueness of ids,
// code tables, the adapter registry, and settings that only make sense together. They run even
// when the schema found problems, so a file is corrected in one round; that is why every read
// here checks the type of what it reads instead of trusting the schema.

type Entry = Readonly<Record<string, unknown>>;

export interface CheckContext {
  readonly env: Environment;
  readonly adapters: AdapterRegistry;
  /** The config file's directory, against which relative paths are resolved. */
  readonly baseDir: string;
}

const CANONICAL = "canonical";

function list(doc: Entry, key: string): Array<{ entry: Entry; pointer: string }> {
  const value = doc[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) =>
    entry !== null && typeof entry === "object" && !Array.isArray(entry)
      ? [{ entry: entry as Entry, pointer: `/${key}/${index}` }]
      : [],
  );
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const integer = (value: unknown): number | undefined => (Number.isInteger(value) ? (value as number) : undefined);
const section = (doc: Entry, key: string): Entry => {
  const value = doc[key];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Entry) : {};
};

/** Reports the second and later entries whose `key` repeats an earlier one's. */
function checkUnique(
  items: ReadonlyArray<{ entry: Entry; pointer: string }>,
  key: string,
  code: ConfigProblem["code"],
  problems: ConfigProblem[],
): Set<string> {
  const first = new Map<string, string>();
  for (const { entry, pointer } of items) {
    const value = text(entry[key]);
    if (value === undefined) continue;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, childPointer(pointer, key));
    else problems.push({ code, path: childPointer(pointer, key), params: { value, detail: earlier } });
  }
  return new Set(first.keys());
}

function checkRegion(code: unknown, pointer: string, problems: ConfigProblem[]): void {
  // A malformed code is the schema's complaint; only a well-formed unknown one is reported here.
  if (typeof code !== "string" || !/^[1-9][0-9]{5}$/.test(code) || lookupRegion(code)) return;
  problems.push({
    code: "EIX_CONFIG_REGION_UNKNOWN",
    path: pointer,
    params: { value: code, detail: `${regionTableInfo.source}, ${regionTableInfo.asOf}` },
  });
}

function adapterIds(adapters: AdapterRegistry): string {
  return [CANONICAL, ...adapters.list().map((adapter) => adapter.id)].join(", ");
}

function checkAdapter(id: unknown, pointer: string, context: CheckContext, problems: ConfigProblem[], encodes = false): void {
  if (typeof id !== "string" || id === CANONICAL) return;
  if (!context.adapters.has(id)) {
    problems.push({
      code: "EIX_CONFIG_ADAPTER_UNKNOWN",
      path: pointer,
      params: { value: id, expected: adapterIds(context.adapters) },
    });
    return;
  }
  if (encodes && context.adapters.get(id).encode === undefined)
    problems.push({ code: "EIX_CONFIG_ADAPTER_NO_ENCODER", path: pointer, params: { value: id } });
}

/** Options the adapter would refuse at every payload, refused at load instead. */
function checkAdapterOptions(
  id: unknown,
  options: unknown,
  pointer: string,
  context: CheckContext,
  problems: ConfigProblem[],
): void {
  if (typeof id !== "string" || !context.adapters.has(id) || !options || typeof options !== "object" || Array.isArray(options))
    return;
  const refusal = context.adapters.get(id).checkOptions?.(options as Entry);
  if (refusal)
    problems.push({ code: "EIX_CONFIG_ADAPTER_OPTIONS", path: pointer, params: { value: id, cause: refusal.messages } });
}

function checkUnits(doc: Entry, context: CheckContext, problems: ConfigProblem[]): Set<string> {
  const units = list(doc, "units");
  const unitIds = checkUnique(units, "unitId", "EIX_CONFIG_UNIT_DUPLICATE", problems);
  const tokenOwners = new Map<string, string>();
  for (const { entry, pointer } of units) {
    checkRegion(entry.regionCode, childPointer(pointer, "regionCode"), problems);
    checkAdapter(entry.adapter, childPointer(pointer, "adapter"), context, problems);
    const options = entry.adapterOptions;
    if (options && typeof options === "object" && !Array.isArray(options))
      for (const [id, settings] of Object.entries(options)) {
        const at = childPointer(childPointer(pointer, "adapterOptions"), id);
        checkAdapter(id, at, context, problems);
        checkAdapterOptions(id, settings, at, context, problems);
      }
    const credentials = unitTokenHashes(entry, pointer, context.env);
    problems.push(...credentials.problems);
    const unitId = text(entry.unitId) ?? pointer;
    for (const hash of credentials.hashes) {
      const owner = tokenOwners.get(hash);
      if (owner === undefined) tokenOwners.set(hash, unitId);
      else if (owner !== unitId)
        // Which entry holds the shared token is not said: that would tell which variable to read.
        problems.push({ code: "EIX_CONFIG_TOKEN_SHARED", path: pointer, params: { value: owner } });
    }
  }
  return unitIds;
}

/** The longest one send to the destination may take: connect, then headers and body (HTTP) or the ACK (MLLP). */
function longestSendMs(entry: Entry): number {
  const timeouts = section(entry, "timeouts");
  if (entry.kind === "mllp")
    return (
      (integer(timeouts.connectMs) ?? DEFAULT_MLLP_TIMEOUTS.connectMs) + (integer(timeouts.ackMs) ?? DEFAULT_MLLP_TIMEOUTS.ackMs)
    );
  return (
    (integer(timeouts.connectMs) ?? DEFAULT_HTTP_TIMEOUTS.connectMs) +
    (integer(timeouts.headersMs) ?? DEFAULT_HTTP_TIMEOUTS.headersMs) +
    (integer(timeouts.bodyMs) ?? DEFAULT_HTTP_TIMEOUTS.bodyMs)
  );
}

function checkDestinations(doc: Entry, context: CheckContext, problems: ConfigProblem[]): Set<string> {
  const destinations = list(doc, "destinations");
  const ids = checkUnique(destinations, "id", "EIX_CONFIG_DESTINATION_DUPLICATE", problems);
  const leaseMs = integer(section(doc, "relay").leaseMs) ?? DEFAULT_RELAY.leaseMs;
  for (const { entry, pointer } of destinations) {
    checkAdapter(entry.adapter, childPointer(pointer, "adapter"), context, problems, true);
    const retry = section(entry, "retry");
    const initial = integer(retry.initialDelayMs) ?? DEFAULT_RETRY.initialDelayMs;
    const max = integer(retry.maxDelayMs) ?? DEFAULT_RETRY.maxDelayMs;
    if (initial > max)
      problems.push({
        code: "EIX_CONFIG_RETRY_DELAYS",
        path: childPointer(childPointer(pointer, "retry"), "initialDelayMs"),
        params: { value: String(initial), limit: String(max) },
      });
    if ((entry.kind === "http" || entry.kind === "mllp") && longestSendMs(entry) >= leaseMs)
      problems.push({
        code: "EIX_CONFIG_LEASE_TOO_SHORT",
        path: "/relay/leaseMs",
        params: { value: String(leaseMs), limit: String(longestSendMs(entry)), detail: text(entry.id) ?? pointer },
      });
  }
  return ids;
}

function checkRoutes(doc: Entry, destinationIds: ReadonlySet<string>, problems: ConfigProblem[]): void {
  const routes = list(doc, "routes");
  checkUnique(routes, "name", "EIX_CONFIG_ROUTE_DUPLICATE", problems);
  const configured = [...destinationIds].join(", ");
  for (const { entry, pointer } of routes) {
    const to = Array.isArray(entry.to) ? entry.to : [];
    to.forEach((id, index) => {
      if (typeof id === "string" && !destinationIds.has(id))
        problems.push({
          code: "EIX_CONFIG_DESTINATION_UNKNOWN",
          path: childPointer(childPointer(pointer, "to"), index),
          params: { value: id, expected: configured },
        });
    });
    const within = section(entry, "match").regionWithin;
    if (Array.isArray(within))
      within.forEach((code, index) => {
        checkRegion(code, `${pointer}/match/regionWithin/${index}`, problems);
      });
  }
}

/** A unit's inbox must be a configured destination. */
function checkInboxes(doc: Entry, destinationIds: ReadonlySet<string>, problems: ConfigProblem[]): void {
  const configured = [...destinationIds].join(", ");
  for (const { entry, pointer } of list(doc, "units")) {
    const inbox = entry.inbox;
    if (typeof inbox === "string" && !destinationIds.has(inbox))
      problems.push({
        code: "EIX_CONFIG_DESTINATION_UNKNOWN",
        path: childPointer(pointer, "inbox"),
        params: { value: inbox, expected: configured },
      });
  }
}

function checkFileDrops(doc: Entry, unitIds: ReadonlySet<string>, context: CheckContext, problems: ConfigProblem[]): void {
  // Each directory is watched once and is never a destination: the hub would read back what it wrote.
  const directories = new Map<string, string>();
  for (const { entry, pointer } of list(doc, "destinations")) {
    const path = text(entry.path);
    if (entry.kind === "directory" && path)
      directories.set(resolveConfigPath(context.baseDir, path), childPointer(pointer, "path"));
  }
  for (const { entry, pointer } of list(doc, "fileDrop")) {
    const unitId = text(entry.unitId);
    if (unitId !== undefined && !unitIds.has(unitId))
      problems.push({ code: "EIX_CONFIG_UNIT_UNKNOWN", path: childPointer(pointer, "unitId"), params: { value: unitId } });
    checkAdapter(entry.adapter, childPointer(pointer, "adapter"), context, problems);
    const dir = text(entry.dir);
    if (!dir) continue;
    const resolved = resolveConfigPath(context.baseDir, dir);
    const earlier = directories.get(resolved);
    if (earlier === undefined) directories.set(resolved, childPointer(pointer, "dir"));
    else
      problems.push({
        code: "EIX_CONFIG_DIRECTORY_CONFLICT",
        path: childPointer(pointer, "dir"),
        params: { value: dir, detail: earlier },
      });
  }
}

/** Every cross-check problem of the (substituted) file document. */
function checkMllpSources(doc: Entry, unitIds: ReadonlySet<string>, context: CheckContext, problems: ConfigProblem[]): void {
  const sources = list(doc, "mllp");
  checkUnique(sources, "name", "EIX_CONFIG_DUPLICATE_VALUE", problems);
  // host:port pairs already bound: the HTTP API's, then each listener's in file order.
  const http = section(doc, "http");
  // Port 0 asks the system for a free port, so it never conflicts.
  const httpPort = integer(http.port) ?? DEFAULT_HTTP.port;
  const bound = new Map<string, string>(
    httpPort === 0 ? [] : [[`${text(http.host) ?? DEFAULT_HTTP.host}:${httpPort}`, "/http/port"]],
  );
  for (const { entry, pointer } of sources) {
    const unitId = text(entry.unitId);
    if (unitId !== undefined && !unitIds.has(unitId))
      problems.push({ code: "EIX_CONFIG_UNIT_UNKNOWN", path: childPointer(pointer, "unitId"), params: { value: unitId } });
    checkAdapter(entry.adapter, childPointer(pointer, "adapter"), context, problems);
    checkAdapterOptions(entry.adapter, entry.adapterOptions, childPointer(pointer, "adapterOptions"), context, problems);
    const port = integer(entry.port);
    if (port === undefined || port === 0) continue;
    const key = `${text(entry.host) ?? DEFAULT_MLLP_SOURCE.host}:${port}`;
    const earlier = bound.get(key);
    if (earlier === undefined) bound.set(key, childPointer(pointer, "port"));
    else
      problems.push({
        code: "EIX_CONFIG_PORT_CONFLICT",
        path: childPointer(pointer, "port"),
        params: { value: String(port), detail: earlier },
      });
    const tls = entry.tls;
    if (tls === undefined || tls === null || typeof tls !== "object") continue;
    const settings = tls as Entry;
    const tlsPointer = childPointer(pointer, "tls");
    for (const needed of ["certFile", "keyFile", ...(settings.requestCert === true ? ["caFile"] : [])])
      if (text(settings[needed]) === undefined)
        problems.push({ code: "EIX_CONFIG_TLS_INCOMPLETE", path: tlsPointer, params: { value: needed } });
  }
}

/** Every TLS file named (sources and destinations) must be readable when the hub starts. */
function checkTlsFiles(doc: Entry, context: CheckContext, problems: ConfigProblem[]): void {
  for (const { entry, pointer } of [...list(doc, "mllp"), ...list(doc, "destinations")]) {
    const tls = entry.tls;
    if (tls === undefined || tls === null || typeof tls !== "object") continue;
    for (const key of ["certFile", "keyFile", "caFile"]) {
      const path = text((tls as Entry)[key]);
      if (path === undefined) continue;
      try {
        accessSync(resolveConfigPath(context.baseDir, path), constants.R_OK);
      } catch (error) {
        problems.push({
          code: "EIX_CONFIG_TLS_FILE",
          path: childPointer(childPointer(pointer, "tls"), key),
          params: { value: path, detail: (error as NodeJS.ErrnoException).code ?? String(error) },
        });
      }
    }
  }
}

export function crossCheckProblems(doc: unknown, context: CheckContext): ConfigProblem[] {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return [];
  const root = doc as Entry;
  const problems: ConfigProblem[] = [];
  const unitIds = checkUnits(root, context, problems);
  const destinationIds = checkDestinations(root, context, problems);
  checkRoutes(root, destinationIds, problems);
  checkInboxes(root, destinationIds, problems);
  checkFileDrops(root, unitIds, context, problems);
  checkMllpSources(root, unitIds, context, problems);
  checkTlsFiles(root, context, problems);
  return problems;
}

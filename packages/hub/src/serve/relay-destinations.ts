import { mkdir, readFile } from "node:fs/promises";
import { type AdapterRegistry, readHl7Ack } from "@eix/adapters";
import type { DestinationConfig, MllpDestinationConfig } from "../config/config-model.js";
import { MllpDestination } from "../mllp/mllp-destination.js";
import type { MllpLinkTls } from "../mllp/mllp-link.js";
import type { Destination } from "../relay/destination.js";
import { DirectoryDestination } from "../relay/directory-destination.js";
import { adapterEncoder, canonicalJsonEncoder, type Encoder } from "../relay/encoder.js";
import { HttpDestination } from "../relay/http-destination.js";
import type { RelayDestinationConfig } from "../relay/relay-target.js";
import type { HubUnit } from "../route/route-model.js";
import { replyReader } from "./reply-reader.js";

function encoderFor(adapterId: string, registry: AdapterRegistry): Encoder {
  return adapterId === "canonical" ? canonicalJsonEncoder() : adapterEncoder(registry.get(adapterId));
}

/** The PEM files of an MLLP destination's TLS settings, read now (the config loader checked they are readable). */
async function mllpTls(tls: MllpDestinationConfig["tls"]): Promise<MllpLinkTls | undefined> {
  if (!tls) return undefined;
  const read = (file: string | undefined) => (file === undefined ? undefined : readFile(file));
  const [ca, cert, key] = await Promise.all([read(tls.caFile), read(tls.certFile), read(tls.keyFile)]);
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
  };
}

async function destinationFor(
  config: DestinationConfig,
  registry: AdapterRegistry,
  units: readonly HubUnit[],
): Promise<Destination> {
  if (config.kind === "mllp") {
    const tls = await mllpTls(config.tls);
    return new MllpDestination({
      id: config.id,
      host: config.host,
      port: config.port,
      ...(tls ? { tls } : {}),
      readAck: readHl7Ack,
      connections: config.connections,
      connectTimeoutMs: config.timeouts.connectMs,
      ackTimeoutMs: config.timeouts.ackMs,
    });
  }
  if (config.kind === "directory") {
    // Created at start so a fresh install works; a share that vanishes later is retried, not recreated.
    await mkdir(config.path, { recursive: true });
    return new DirectoryDestination({ id: config.id, directory: config.path });
  }
  return new HttpDestination({
    id: config.id,
    url: config.url,
    headers: config.headers,
    connectTimeoutMs: config.timeouts.connectMs,
    headersTimeoutMs: config.timeouts.headersMs,
    bodyTimeoutMs: config.timeouts.bodyMs,
    connections: config.connections,
    // The unit this destination reaches (its inbox) is who replies: a foreign Ack names no EIX unit.
    readReply: replyReader(
      config.adapter,
      registry,
      units.find((unit) => unit.inbox === config.id),
    ),
  });
}

/** The configured destinations as the relay takes them: sender, encoder and policies each. */
export async function relayDestinations(
  configs: readonly DestinationConfig[],
  registry: AdapterRegistry,
  units: readonly HubUnit[] = [],
): Promise<Map<string, RelayDestinationConfig>> {
  const map = new Map<string, RelayDestinationConfig>();
  for (const config of configs)
    map.set(config.id, {
      destination: await destinationFor(config, registry, units),
      encode: encoderFor(config.adapter, registry),
      retry: config.retry,
      onAmbiguousTimeout: config.onAmbiguousTimeout,
      breaker: config.breaker,
    });
  return map;
}

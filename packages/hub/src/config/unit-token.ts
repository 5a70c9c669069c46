import { tokenSha256, unitsByToken } from "../http/bearer-token.js";
import type { HubConfig, HubUnit } from "./config-model.js";

/** Lower-case hex SHA-256 of a bearer token, as `tokenSha256` holds it. */
export const hashToken: (token: string) => string = tokenSha256;

/** The unit a bearer token belongs to, or undefined (the same lookup the HTTP API uses). */
export function findUnitByToken(config: Pick<HubConfig, "units">, bearerToken: string): HubUnit | undefined {
  return unitsByToken(config.units)(bearerToken);
}

// How a JSON Schema enum string is named in eix.proto. The rule, not a hand-written table,
// ties the two together, so a value added to a schema enum needs only its proto line.

/** "CheckInStatus" → "CHECK_IN_STATUS": the prefix of every value of a proto enum. */
export function protoEnumPrefix(enumName: string): string {
  return enumName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/** ("CheckInStatus", "nothing-to-report") → "CHECK_IN_STATUS_NOTHING_TO_REPORT". */
export function protoEnumValueName(enumName: string, jsonValue: string): string {
  return `${protoEnumPrefix(enumName)}_${jsonValue.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/** The zero value every proto enum has; it stands for "absent" and is never a JSON value. */
export function protoEnumUnspecifiedName(enumName: string): string {
  return `${protoEnumPrefix(enumName)}_UNSPECIFIED`;
}

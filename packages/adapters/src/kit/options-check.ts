import { AdapterError } from "../errors.js";

/**
 * `Adapter.checkOptions` from the adapter's own option reader (which throws EIX_ADAPTER_BAD_VALUE):
 * the same check decode makes, returned instead of thrown.
 */
export function optionsCheck(
  read: (options: Readonly<Record<string, unknown>>) => unknown,
): (options: Readonly<Record<string, unknown>>) => AdapterError | undefined {
  return (options) => {
    try {
      read(options);
      return undefined;
    } catch (error) {
      if (AdapterError.is(error)) return error;
      throw error;
    }
  };
}

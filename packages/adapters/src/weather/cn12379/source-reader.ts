import type { AdapterIssue } from "../../contract.js";
import { AdapterError, type AdapterErrorCode, type AdapterParams, adapterMessage, type SourcePosition } from "../../errors.js";
import { lineColumn } from "../../kit/text-position.js";
import { childElement, childElements, type XmlElement } from "../../kit/xml.js";

/**
 * Reads elements of one 12379 document and keeps what decoding found on the way: issues
 * that do not stop it, and positions (line:column plus the element path) for those that do.
 * A failure is thrown as an `AdapterError` and turned into a result by the decoder.
 */
export class SourceReader {
  readonly issues: AdapterIssue[];
  readonly #text: string;

  constructor(text: string, issues: readonly AdapterIssue[] = []) {
    this.#text = text;
    this.issues = [...issues];
  }

  /** Where an element is: line:column of its start tag and its path, e.g. /alert/info[0]/area[1]. */
  position(element: XmlElement | undefined, at: string): SourcePosition {
    if (element?.offset === undefined) return { at };
    return { ...lineColumn(this.#text, element.offset), at };
  }

  /**
   * Trimmed text of a child element. An empty element (`<onset/>`) is an absent value, as
   * the profile writes absent values that way.
   */
  text(parent: XmlElement, name: string): string | undefined {
    const value = childElement(parent, name)?.text.trim();
    return value ? value : undefined;
  }

  /** Text of a child the profile requires; `EIX_ADAPTER_MISSING_FIELD` with its path when absent or empty. */
  required(parent: XmlElement, name: string, parentPath: string): string {
    const value = this.text(parent, name);
    if (value === undefined) {
      const at = `${parentPath}/${name}`;
      this.fail("EIX_ADAPTER_MISSING_FIELD", { value: at }, childElement(parent, name) ?? parent, at);
    }
    return value;
  }

  /** Every child with this name, with its path. */
  children(parent: XmlElement, name: string, parentPath: string): Array<{ element: XmlElement; at: string }> {
    return childElements(parent, name).map((element, index) => ({ element, at: `${parentPath}/${name}[${index}]` }));
  }

  fail(code: AdapterErrorCode, params: AdapterParams, element: XmlElement | undefined, at: string): never {
    throw new AdapterError(code, params, { position: this.position(element, at) });
  }

  /** Records a finding that does not stop decoding; `path` points into the decoded message. */
  note(code: AdapterErrorCode, params: AdapterParams, element: XmlElement | undefined, at: string, path?: string): void {
    this.issues.push({
      code,
      severity: "warning",
      message: adapterMessage(code, params),
      position: this.position(element, at),
      ...(path === undefined ? {} : { path }),
    });
  }
}

import { extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { ConfigProblem } from "./config-errors.js";
import { positionOf, type TextPosition } from "./source-position.js";

export type ConfigFormat = "yaml" | "json";

/** A parsed configuration text that can say where any JSON pointer lies in it. */
export interface ConfigSource {
  readonly format: ConfigFormat;
  readonly value: unknown;
  locate(pointer: string, at?: "key" | "value"): TextPosition | undefined;
}

/** A syntax problem found before there is any document to point into. */
export interface SyntaxProblem extends ConfigProblem {
  readonly position?: TextPosition;
}

export type ParsedSource = { readonly source: ConfigSource } | { readonly problems: readonly SyntaxProblem[] };

/** JSON by extension (.json), YAML by extension (.yaml, .yml); otherwise a leading "{" means JSON. */
export function configFormat(file: string, text: string): ConfigFormat {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

function firstLine(message: string): string {
  return (message.split("\n", 1)[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}

function positionAtOffset(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: offset - lastBreak };
}

/** JSON.parse's complaint with its place: V8 says "at position N" (newer ones add line and column). */
function jsonSyntaxProblem(text: string, error: unknown): SyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /position (\d+)/.exec(message)?.[1];
  const detail = message.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
  return {
    code: "EIX_CONFIG_SYNTAX",
    path: "",
    params: { detail },
    ...(offset === undefined ? {} : { position: positionAtOffset(text, Number(offset)) }),
  };
}

/**
 * Parses the text with the yaml package (YAML 1.2 is a superset of JSON, so one parser keeps
 * source positions for both). JSON files are also read with JSON.parse, so that YAML-only
 * syntax — comments, unquoted keys — is refused in a file that calls itself JSON.
 */
export function parseConfigText(text: string, format: ConfigFormat): ParsedSource {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let jsonValue: unknown;
  if (format === "json") {
    try {
      jsonValue = JSON.parse(body);
    } catch (error) {
      return { problems: [jsonSyntaxProblem(body, error)] };
    }
  }
  const lineCounter = new LineCounter();
  // Unique keys (the default) turn a setting given twice into an error instead of a silent override.
  const document = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const complaints = [...document.errors, ...document.warnings];
  if (complaints.length > 0)
    return {
      problems: complaints.map((complaint) => {
        const at = lineCounter.linePos(complaint.pos[0]);
        return {
          code: "EIX_CONFIG_SYNTAX",
          path: "",
          params: { detail: `${firstLine(complaint.message)} (${complaint.code})` },
          position: { line: at.line, column: at.col },
        };
      }),
    };
  let value: unknown = jsonValue;
  if (format === "yaml") {
    try {
      // The alias limit stops "billion laughs" documents from expanding without bound.
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      return { problems: [{ code: "EIX_CONFIG_SYNTAX", path: "", params: { detail: firstLine(String(error)) } }] };
    }
  }
  return {
    source: {
      format,
      value,
      locate: (pointer, at) => positionOf(document, lineCounter, pointer, at),
    },
  };
}

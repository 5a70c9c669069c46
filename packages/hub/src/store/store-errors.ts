import type { LocalizedText } from "@eix/schema";

/** Values a store message may use; `detail` is a raw driver message or code, never payload content. */
export interface StoreErrorParams {
  readonly detail?: string;
  readonly value?: string;
  readonly limit?: string;
}

interface StoreErrorDefinition {
  /** One line for docs/errors.md. */
  readonly summary: string;
  /**
   * Whether the same call may succeed later without any change to it: the HTTP layer answers
   * 503 with `Retry-After` for these, and 500 or 4xx for the others.
   */
  readonly retryable: boolean;
  readonly zh: (p: StoreErrorParams) => string;
  readonly en: (p: StoreErrorParams) => string;
}

const detail = (p: StoreErrorParams) => p.detail ?? "…";

/**
 * The table of store error codes (`EIX_STORE_*`), for both backends. Codes are never reused or
 * renamed; callers match on `code` and `retryable`, not on the message.
 */
export const storeErrors = {
  EIX_STORE_UNAVAILABLE: {
    summary: "The database cannot be reached or opened (connection refused or lost, pool timeout, file cannot be opened).",
    retryable: true,
    zh: (p) => `存储不可用：${detail(p)}`,
    en: (p) => `The store is unavailable: ${detail(p)}`,
  },
  EIX_STORE_BUSY: {
    summary: "The database stayed locked past the busy timeout, or a transaction lost a serialization or deadlock race.",
    retryable: true,
    zh: (p) => `存储繁忙，请稍后重试：${detail(p)}`,
    en: (p) => `The store is busy, try again later: ${detail(p)}`,
  },
  EIX_STORE_OVERLOADED: {
    summary: "Too many ingests are waiting for a group commit; the call is refused rather than queued without bound.",
    retryable: true,
    zh: (p) => `待提交的消息过多（上限 ${p.limit ?? "…"} 条），请稍后重试`,
    en: (p) => `Too many messages are waiting to be committed (limit ${p.limit ?? "…"}), try again later`,
  },
  EIX_STORE_DISK_FULL: {
    summary: "The database has no room left on its disk; writes fail until an operator frees space.",
    retryable: true,
    zh: (p) => `存储磁盘已满：${detail(p)}`,
    en: (p) => `The store's disk is full: ${detail(p)}`,
  },
  EIX_STORE_INVALID_ITEM: {
    summary: "An item handed to the store lacks what it needs (message id, sender unit, incident fields, destinations).",
    retryable: false,
    zh: (p) => `待存储的消息无效：${detail(p)}`,
    en: (p) => `The message cannot be stored: ${detail(p)}`,
  },
  EIX_STORE_WRITE_FAILED: {
    summary: "The database refused a write for a reason other than availability (a constraint, a trigger, bad data).",
    retryable: false,
    zh: (p) => `存储写入失败：${detail(p)}`,
    en: (p) => `The store refused the write: ${detail(p)}`,
  },
  EIX_STORE_REPLAY_FILTER: {
    summary:
      "A replay names no delivery, destination or message; replaying every dead letter at once must be asked for by destination.",
    retryable: false,
    zh: () => "重放需要指定投递编号、目的地或消息标识",
    en: () => "A replay needs a delivery id, a destination or a message id",
  },
  EIX_STORE_MIGRATION: {
    summary: "The database schema cannot be brought to this hub's version (a migration failed, or the database is newer).",
    retryable: false,
    zh: (p) => `数据库结构迁移失败：${detail(p)}`,
    en: (p) => `The database schema migration failed: ${detail(p)}`,
  },
  EIX_STORE_CORRUPT: {
    summary: "The database file is damaged or is not a database.",
    retryable: false,
    zh: (p) => `数据库文件已损坏或不是数据库：${detail(p)}`,
    en: (p) => `The database file is damaged or not a database: ${detail(p)}`,
  },
  EIX_STORE_CONFIG: {
    summary: "The store's settings are unusable (a PostgreSQL schema name that is not a plain identifier).",
    retryable: false,
    zh: (p) => `存储配置无效：${detail(p)}`,
    en: (p) => `The store configuration is invalid: ${detail(p)}`,
  },
  EIX_STORE_CLOSED: {
    summary: "The store was used after it was closed (a shutdown race in the caller).",
    retryable: false,
    zh: () => "存储已关闭",
    en: () => "The store is closed",
  },
  EIX_STORE_INTERNAL: {
    summary: "An unexpected database failure; please report it with the hub's log line.",
    retryable: false,
    zh: (p) => `存储内部错误：${detail(p)}`,
    en: (p) => `Internal store error: ${detail(p)}`,
  },
} as const satisfies Record<string, StoreErrorDefinition>;

export type StoreErrorCode = keyof typeof storeErrors;

export function storeMessage(code: StoreErrorCode, params: StoreErrorParams = {}): LocalizedText {
  const definition: StoreErrorDefinition = storeErrors[code];
  return { "zh-CN": definition.zh(params), en: definition.en(params) };
}

// Branded like undici's errors so the check survives two copies of the package in one process.
const brand = Symbol.for("eix.store.error");

/** A failed store call. Match on `code`; `retryable` says whether trying again later may help. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly text: LocalizedText;
  readonly retryable: boolean;
  readonly [brand] = true;

  constructor(code: StoreErrorCode, params: StoreErrorParams = {}, options: { readonly cause?: unknown } = {}) {
    const text = storeMessage(code, params);
    super(text.en, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "StoreError";
    this.code = code;
    this.text = text;
    this.retryable = storeErrors[code].retryable;
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
}

/** The driver's message, for `detail`: short, and never the payload (drivers do not echo values). */
export function driverDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

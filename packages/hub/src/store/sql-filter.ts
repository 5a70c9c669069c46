/**
 * The WHERE clause of a query with optional filters, and its parameters in order. SQLite numbers
 * placeholders by position (`?`), PostgreSQL by index (`$3`), so the style is given.
 */
export class SqlFilter {
  readonly #clauses: string[] = [];
  readonly #params: unknown[];
  readonly #style: "?" | "$";

  constructor(style: "?" | "$", leadingParams: readonly unknown[] = []) {
    this.#style = style;
    this.#params = [...leadingParams];
  }

  /** A clause fixed in text, such as "state = 'dead'". */
  is(clause: string): this {
    this.#clauses.push(clause);
    return this;
  }

  /** A clause with one value: `clause` receives the placeholder for it. */
  with(clause: (placeholder: string) => string, value: unknown): this {
    this.#params.push(value);
    this.#clauses.push(clause(this.#style === "?" ? "?" : `$${this.#params.length}`));
    return this;
  }

  /** Adds a parameter not tied to a clause (a LIMIT), returning its placeholder. */
  param(value: unknown): string {
    this.#params.push(value);
    return this.#style === "?" ? "?" : `$${this.#params.length}`;
  }

  where(): string {
    return this.#clauses.length === 0 ? "" : `WHERE ${this.#clauses.join(" AND ")}`;
  }

  get params(): unknown[] {
    return this.#params;
  }
}

import type { Compilable, CompiledQuery, Kysely, QueryResult } from "kysely";
import type { Executor } from "./database.js";
import type { Database } from "./schema.js";

/**
 * The values of a prepared query: named (an object) or by position (an array, for many rows).
 * They may only stand where a bind parameter goes.
 */
export type QueryParams = Record<string, unknown> | readonly unknown[];

export type PreparedQuery<P extends QueryParams, R> = (
  executor: Executor,
  params: P,
) => Promise<QueryResult<R>>;

interface Template<R> {
  compiled: CompiledQuery<R>;
  /** For each bind parameter: the name or position of the value that goes there, or Kysely's constant. */
  slots: ({ key: string | number } | { value: unknown })[];
}

const MARKER = "\u0000prepared:";

/**
 * A query built with Kysely once per dialect instead of on every call: on a hot path, building and
 * compiling a query costs more than SQLite takes to run it. `build` receives stand-ins for the params and
 * must use each only as a value (a where operand, an inserted value): never in JavaScript logic, an
 * identifier or raw SQL. That is checked when the query is compiled. The compiled SQL is the same on each
 * call, so SQLite's statement cache (database.ts) prepares it once too.
 */
export function preparedQuery<P extends QueryParams, R>(
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  // Keyed by the dialect adapter, which a database and its transactions share: one template per dialect.
  const templates = new WeakMap<object, Template<R>>();
  return async (executor, params) => {
    const adapter = executor.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      template = compileTemplate(executor, build);
      templates.set(adapter, template);
    }
    const values = params as Record<string | number, unknown>;
    const parameters = template.slots.map((slot) => ("key" in slot ? values[slot.key] : slot.value));
    return executor.executeQuery({ ...template.compiled, parameters });
  };
}

function compileTemplate<P extends QueryParams, R>(
  executor: Executor,
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): Template<R> {
  const used = new Set<string>();
  const standIns = new Proxy({} as P, {
    get: (_target, name) => {
      if (typeof name !== "string") return undefined;
      used.add(name);
      return `${MARKER}${name}`;
    },
  });
  const compiled = build(executor, standIns).compile();
  if (compiled.sql.includes(MARKER))
    throw new Error("A prepared query's params may only stand where a bind parameter goes");
  const seen = new Set<string>();
  const slots = compiled.parameters.map((value) => {
    if (typeof value === "string" && value.startsWith(MARKER)) {
      const name = value.slice(MARKER.length);
      seen.add(name);
      return { key: /^(0|[1-9][0-9]*)$/.test(name) ? Number(name) : name };
    }
    return { value };
  });
  const missing = [...used].filter((name) => !seen.has(name));
  if (missing.length > 0)
    throw new Error(`A prepared query used ${missing.join(", ")} outside its bind parameters`);
  return { compiled, slots };
}

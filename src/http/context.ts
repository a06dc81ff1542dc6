import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Clock } from "../core/clock.js";
import type { AppDatabase } from "../db/database.js";

/** What every route and job needs, built once at start-up and passed down (no globals). */
export interface AppContext {
  config: Config;
  database: AppDatabase;
  clock: Clock;
  logger: Logger;
}

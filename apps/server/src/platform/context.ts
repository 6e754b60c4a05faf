import type { AppConfig } from '../config.js';
import type { Db, Dialect } from '../db/database.js';

/** What every service gets: the database and the config. Passed explicitly, no container. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: AppConfig;
}

// Environment → typed config, validated once at start.
import { resolve } from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_PASSWORD: z.string().min(1).default('Demo@2026'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
});

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface AppConfig {
  database: DatabaseConfig;
  port: number;
  host: string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  demo: boolean;
  demoPassword: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  /** Directory of the built web app, served at / when it exists. */
  webDist: string | null;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  if (url === undefined || url === '') return { dialect: 'sqlite', file: resolve(REPO_ROOT, 'data/grassroots.db') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL=sqlite:<path> needs a path');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got ${url.split(':')[0]}:)`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { demo?: boolean } = {}): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  return {
    database: parseDatabaseUrl(e.DATABASE_URL),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    demo: opts.demo ?? false,
    demoPassword: e.DEMO_PASSWORD,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'true',
    webDist: resolve(REPO_ROOT, 'apps/web/dist'),
  };
}

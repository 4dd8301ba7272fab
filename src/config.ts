// The only reader of process.env: validates settings once at start-up and gives defaults that make `npm start` work.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(ROOT, 'data')),
  KNOWLEDGE_DIR: z.string().min(1).default(path.join(ROOT, 'knowledge')),
  MODELS_DIR: z.string().min(1).default(path.join(ROOT, 'models')),
  MODEL_ID: z.string().min(1).default('phrase-encoder'),
  ENCODER: z.enum(['on', 'off']).default('on'),
  SETTING: z.string().default(''),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'like 100kb or 1mb').default('100kb'),
  COOKIE_SECURE: z.enum(['on', 'off']).default('off'),
  SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
});

export type Config = {
  port: number; host: string; dataDir: string; knowledgeDir: string; modelsDir: string; modelId: string;
  encoder: boolean; settings: string[]; logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'; bodyLimit: string;
  /** Cookies are marked Secure on https requests, and on every request when this is on (behind a TLS proxy). */
  cookieSecure: boolean; sessionHours: number;
  /** POST /login per IP and API requests per token, each per minute. */
  loginPerMinute: number; apiPerMinute: number;
  /** Days a case is kept after its last assessment; 0 keeps every case. */
  retentionDays: number;
};

/** Parse the environment; throws one error listing every bad variable so the operator fixes them all at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = r.data;
  return {
    port: e.PORT, host: e.HOST, dataDir: path.resolve(e.DATA_DIR), knowledgeDir: path.resolve(e.KNOWLEDGE_DIR),
    modelsDir: path.resolve(e.MODELS_DIR), modelId: e.MODEL_ID, encoder: e.ENCODER === 'on',
    settings: e.SETTING.split(',').map((s) => s.trim()).filter(Boolean), logLevel: e.LOG_LEVEL, bodyLimit: e.BODY_LIMIT,
    cookieSecure: e.COOKIE_SECURE === 'on', sessionHours: e.SESSION_HOURS, loginPerMinute: e.LOGIN_RATE_LIMIT, apiPerMinute: e.API_RATE_LIMIT,
    retentionDays: e.RETENTION_DAYS,
  };
}

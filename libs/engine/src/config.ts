import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newChainSigningKey } from '#event-store/chain/chain-checkpoint';

/** Everything the engine reads from its environment, with the embedded default's values. */
export interface EngineConfig {
  readonly port: number;
  /** The address the API listens on: loopback unless told otherwise (0.0.0.0 in a container). */
  readonly host: string;
  /**
   * Where the public reaches the API (`https://democracy.example.gov.uk`): links in published
   * pages and feeds are built from it, never from a request's Host header. Unset only in the
   * embedded default, where the listening address stands in.
   */
  readonly publicBaseUrl: string | null;
  /** Origins allowed to call the API from a browser; none by default. */
  readonly corsOrigins: readonly string[];
  /** How long a stopping API waits for requests in flight before cutting connections. */
  readonly shutdownGraceMs: number;
  readonly dataDir: string;
  /** PostgreSQL for events (unless eventStoreUrl) and projections; unset means embedded PGlite in dataDir. */
  readonly databaseUrl: string | null;
  /** EventStoreDB/KurrentDB for events; projections stay in PostgreSQL/PGlite. */
  readonly eventStoreUrl: string | null;
  readonly jwtSecret: string;
  readonly defaultBody: { readonly id: string; readonly name: string };
  readonly logLevel: string;
  /** Redis for reminder jobs (BullMQ, run by the worker app); unset means the in-process scheduler. */
  readonly redisUrl: string | null;
  /** `smtp://user:pass@host:587` for reminder email; unset means contacts' email is not used. */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /**
   * Where people report an accessibility problem or ask for another format, as the accessibility
   * statement (`/accessibility`) gives it: an email address or an https:// page. Unset, the
   * statement sends them to the body whose pages they were reading.
   */
  readonly accessibilityContact: string | null;
  /** Signs reminder webhooks (HMAC-SHA256); unset means contacts' webhooks are not used. */
  readonly webhookSecret: string | null;
  /** Lets webhooks reach loopback, link-local and private addresses (an on-premises receiver). */
  readonly webhookAllowPrivateNetworks: boolean;
  /** Whether this process sends reminders itself (the embedded default: yes, unless REDIS_URL). */
  readonly remindersInProcess: boolean;
  readonly reminderIntervalMs: number;
  /** Single sign-on by OpenID Connect (Microsoft Entra ID or any provider); null: passwords only. */
  readonly oidc: OidcConfig | null;
  /** The largest register file an import takes, in bytes and in rows (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS). */
  readonly importLimits: { readonly maxBytes: number; readonly maxRows: number };
  /** Signs each body's chain head (Ed25519, PKCS#8 PEM): CHAIN_SIGNING_KEY_FILE, else one kept in dataDir. */
  readonly chainSigningKey: string;
  /** How often each chain head that moved is signed (CHAIN_SIGN_INTERVAL_MS); 0 signs only when asked. */
  readonly chainSignIntervalMs: number;
}

export interface OidcConfig {
  /** The provider's issuer, whose `/.well-known/openid-configuration` says the rest. */
  readonly issuer: string;
  readonly clientId: string;
  /** Unset for a public client (PKCE alone). */
  readonly clientSecret: string | null;
  /** What the sign-in button says: "Sign in with {label}". */
  readonly label: string;
  /** Lets the issuer be plain http (a provider on this machine, in tests): never in production. */
  readonly allowInsecureHttp: boolean;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${env.PORT}" is not a port number`);
  const publicBaseUrl = env.PUBLIC_BASE_URL ? baseUrlOf(env.PUBLIC_BASE_URL) : null;
  return {
    port,
    host: env.HOST || '127.0.0.1',
    publicBaseUrl,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    eventStoreUrl: env.EVENTSTORE_URL || null,
    jwtSecret: env.JWT_SECRET || secretKeptIn(dataDir),
    defaultBody: { id: env.DEFAULT_BODY_ID ?? 'default', name: env.DEFAULT_BODY_NAME ?? 'Default body' },
    logLevel: env.LOG_LEVEL ?? 'info',
    redisUrl: env.REDIS_URL || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'Governance engine <reminders@localhost>',
    accessibilityContact: accessibilityContactOf(env.ACCESSIBILITY_CONTACT),
    webhookSecret: env.WEBHOOK_SECRET || null,
    webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
    remindersInProcess: !env.REDIS_URL && env.REMINDERS !== 'off',
    reminderIntervalMs: Number(env.REMINDER_INTERVAL_MS ?? 30_000),
    oidc: oidcConfigOf(env),
    importLimits: {
      maxBytes: positiveNumber(env, 'IMPORT_MAX_BYTES', 50 * 1024 * 1024),
      maxRows: positiveNumber(env, 'IMPORT_MAX_ROWS', 250_000),
    },
    chainSigningKey: signingKeyOf(env.CHAIN_SIGNING_KEY_FILE, dataDir),
    chainSignIntervalMs:
      env.CHAIN_SIGN_INTERVAL_MS === '0' ? 0 : positiveNumber(env, 'CHAIN_SIGN_INTERVAL_MS', 3_600_000),
  };
}

function accessibilityContactOf(written: string | undefined): string | null {
  const contact = written?.trim();
  if (!contact) return null;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) || /^https:\/\/\S+$/.test(contact)) return contact;
  throw new Error(`ACCESSIBILITY_CONTACT "${contact}" is neither an email address nor an https:// page`);
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, otherwise: number): number {
  const written = env[name];
  if (written === undefined || written === '') return otherwise;
  const value = Number(written);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} "${written}" is not a whole number above 0`);
  return value;
}

function oidcConfigOf(env: NodeJS.ProcessEnv): OidcConfig | null {
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID)
    throw new Error(
      'OIDC_ISSUER is set but OIDC_CLIENT_ID is not: give the client id the provider registered',
    );
  const allowInsecureHttp = env.OIDC_ALLOW_INSECURE_HTTP === 'true';
  const issuer = new URL(env.OIDC_ISSUER);
  if (issuer.protocol !== 'https:' && !allowInsecureHttp)
    throw new Error(`OIDC_ISSUER "${env.OIDC_ISSUER}" must start with https://`);
  return {
    issuer: issuer.toString(),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    label: env.OIDC_LABEL || 'your organisation’s account',
    allowInsecureHttp,
  };
}

function baseUrlOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_BASE_URL "${text}" is not a URL; write it as https://host[:port][/path]`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PUBLIC_BASE_URL "${text}" must start with https:// or http://`);
  return url.toString().replace(/\/+$/, '');
}

/**
 * The chain's signing key: the file named, or one made once and kept in the data directory. A copy
 * of its public half (`npm run cli -- chain key`) lets anyone check the signed heads.
 */
function signingKeyOf(file: string | undefined, dataDir: string): string {
  if (file) {
    if (!existsSync(file)) throw new Error(`CHAIN_SIGNING_KEY_FILE "${file}" does not exist`);
    return readFileSync(file, 'utf8');
  }
  const path = join(dataDir, 'chain-signing-key.pem');
  if (existsSync(path)) return readFileSync(path, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const key = newChainSigningKey();
  writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  return key;
}

/** The embedded default makes its signing secret once and keeps it, so tokens survive restarts. */
function secretKeptIn(dataDir: string): string {
  const path = join(dataDir, 'jwt-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

import { ErrorRequestHandler, json, NextFunction, Request, RequestHandler, Response } from 'express';
import { PROTOTYPE_KEYS } from '#domain/shared/prototype-keys';

/** Limits every request meets before any route, DTO or database sees it. */
export const REQUEST_LIMITS = {
  /** Bytes of JSON body. */
  bodyBytes: 1024 * 1024,
  /** Levels of nesting: the deepest request the API takes has 4. */
  depth: 16,
  /** Object keys and array items in one body, counted together. */
  members: 10_000,
} as const;

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL (or a later encoder) would refuse this text, or null when it is fine. */
export function unstorableText(text: string): string | null {
  if (NUL.test(text)) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}

export class RequestRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Walks a parsed JSON value without recursion (so no depth can overflow the stack), refusing what
 * no route accepts: too deep, too many members, prototype keys, text the database cannot store.
 */
export function checkJsonValue(root: unknown, where: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  let members = 0;
  const name = (path: string) => (path === '' ? where : `${where} field ${path}`);
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) throw new RequestRefusal(400, `${name(path)} ${problem}; remove it`, path || undefined);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= REQUEST_LIMITS.depth)
      throw new RequestRefusal(400, `${name(path)} nests deeper than ${REQUEST_LIMITS.depth} levels`);
    const entries = Array.isArray(value)
      ? value.map((item, index) => [`${path}[${index}]`, item] as const)
      : Object.keys(value).map((key) => {
          if (PROTOTYPE_KEYS.has(key))
            throw new RequestRefusal(400, `${name(path)} has the key "${key}", which is not allowed`);
          const problem = unstorableText(key);
          if (problem) throw new RequestRefusal(400, `a key of ${name(path)} ${problem}`);
          return [path ? `${path}.${key}` : key, (value as Record<string, unknown>)[key]] as const;
        });
    members += entries.length;
    if (members > REQUEST_LIMITS.members)
      throw new RequestRefusal(413, `${where} has more than ${REQUEST_LIMITS.members} keys and items`);
    for (const [childPath, child] of entries) stack.push({ value: child, path: childPath, depth: depth + 1 });
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

function refuse(response: Response, refusal: RequestRefusal): void {
  response.status(refusal.statusCode).json({
    statusCode: refusal.statusCode,
    error: STATUS_TEXT[refusal.statusCode] ?? 'Bad Request',
    message: refusal.message,
    ...(refusal.field !== undefined && { field: refusal.field }),
  });
}

/** Path and query: valid percent-encoding of valid, storable text, checked once for every route. */
export function checkUrl(request: Request, response: Response, next: NextFunction): void {
  try {
    for (const segment of request.path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw new RequestRefusal(400, `the path segment "${segment}" is not valid percent-encoded UTF-8`);
      }
      const problem = unstorableText(decoded);
      if (problem) throw new RequestRefusal(400, `a path segment ${problem}`);
    }
    // The query parser replaces bad percent-encoding silently: check the raw text first.
    const rawQuery = request.originalUrl.split('?').slice(1).join('?');
    for (const part of rawQuery.split(/[&=]/)) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        throw new RequestRefusal(400, `the query string part "${part}" is not valid percent-encoded UTF-8`);
      }
    }
    checkJsonValue(request.query, 'the query');
  } catch (error) {
    if (error instanceof RequestRefusal) return refuse(response, error);
    throw error;
  }
  next();
}

/** What a body parser refused (an http-error of 4xx: too large, not JSON...); null for any other error. */
export function parserRefusalOf(error: unknown): { status: number; type: string; message: string } | null {
  const { status, type, message } = (error ?? {}) as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  return { status, type: String(type), message: String(message) };
}

/**
 * Parses a JSON body only for a caller holding a valid token (no route that takes a body is
 * public), so an anonymous flood costs no parsing; then checks what was parsed.
 */
export function jsonBody(
  hasValidToken: (request: Request) => boolean,
): (RequestHandler | ErrorRequestHandler)[] {
  const parse = json({ limit: REQUEST_LIMITS.bodyBytes });
  return [
    (request: Request, response: Response, next: NextFunction) =>
      hasValidToken(request) ? parse(request, response, next) : next(),
    (error: unknown, _request: Request, response: Response, next: NextFunction) => {
      const refused = parserRefusalOf(error);
      if (!refused) return next(error);
      const { status, type, message } = refused;
      const reason =
        type === 'entity.parse.failed'
          ? `request body is not valid JSON: ${message}`
          : type === 'entity.too.large'
            ? `request body is larger than ${REQUEST_LIMITS.bodyBytes} bytes`
            : message;
      refuse(response, new RequestRefusal(status, reason));
    },
    (request: Request, response: Response, next: NextFunction) => {
      try {
        if (request.body !== undefined) checkJsonValue(request.body, 'the request body');
      } catch (error) {
        if (error instanceof RequestRefusal) return refuse(response, error);
        throw error;
      }
      next();
    },
  ];
}

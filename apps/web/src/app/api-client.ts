// apiFetch: JSON to and from /api, with the session's CSRF token on every state-changing request, and the server's
// error shape `{error:{code,message,fields}}` turned into an ApiError.
import type { ErrorCode, FieldErrors } from '@grassroots/domain';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly fields: FieldErrors | undefined;
  /** For 409 STALE_VERSION: the record as it is now. */
  readonly current: unknown;
  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, fields?: FieldErrors, current?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The Chinese message of any error, for Alerts and toasts. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '操作失败，请稍后重试';
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = (error: ApiError) => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;
/** Called when a request finds the session gone (not for the login attempt itself, nor for /auth/me). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  // A path may carry its own query (an import's parameters): the rest is appended to it.
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: FieldErrors; current?: unknown };
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const e = body?.error;
  if (e?.code && e.message) {
    return new ApiError(res.status, e.code as ErrorCode, e.message, e.fields, e.current);
  }
  const fallback =
    res.status >= 500
      ? '服务器暂时无法处理请求，请稍后重试'
      : res.status === 404
        ? '请求的内容不存在'
        : `请求失败（${res.status}）`;
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', fallback);
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function send(path: string, req: ApiRequest): Promise<Response> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (UNSAFE.has(method)) {
    // The server refuses `content-type: application/json` with an empty body: always send a JSON object.
    body = JSON.stringify(req.body ?? {});
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  try {
    return await fetch(withQuery(path, req.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: req.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const res = await send('/api/auth/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  if (!me.csrfToken) return false;
  setCsrfToken(me.csrfToken);
  return true;
}

export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  let res = await send(path, req);
  if (!res.ok) {
    let error = await toApiError(res);
    // A stale CSRF token (e.g. after logging in in another tab): fetch the session's token once and retry.
    if (error.code === 'CSRF_TOKEN_INVALID' && (await refreshCsrfToken())) {
      res = await send(path, req);
      if (res.ok) return parseBody<T>(res);
      error = await toApiError(res);
    }
    if (error.status === 401 && error.code === 'UNAUTHENTICATED' && path !== '/api/auth/me') {
      onUnauthenticated?.(error);
    }
    throw error;
  }
  return parseBody<T>(res);
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A multipart upload (the FormData's file fields) with the session's CSRF token; errors as for apiFetch. */
export async function apiUpload<T>(path: string, form: FormData, query?: Record<string, QueryValue>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') onUnauthenticated?.(error);
    throw error;
  }
  return parseBody<T>(res);
}

/** Downloads a file (GET) and saves it under the name the server gives (RFC 5987 `filename*`), or `fallbackName`. */
export async function apiDownload(
  path: string,
  fallbackName: string,
  query?: Record<string, QueryValue>,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') onUnauthenticated?.(error);
    throw error;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

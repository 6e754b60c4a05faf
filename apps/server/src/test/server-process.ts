// The real server (`node --import tsx apps/server/src/main.ts`) as a child process on loopback, for tests that must
// stop it the hard way (SIGKILL) and start it again on the same database; and a logged-in HTTP client for it.
import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../config.js';
import { TEST_PASSWORD } from './factories.js';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** The last lines it wrote, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the server on `databaseUrl` on a free port; resolves once it listens. */
export async function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let listening: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => {
    listening = resolve;
  });
  const onData = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-8000);
    const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(tail);
    if (m) listening(Number(m[1]));
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = await Promise.race([
    port,
    exited.then((code) => {
      throw new Error(`server exited (${code}) before listening:\n${tail}`);
    }),
  ]);
  return {
    url: `http://127.0.0.1:${started}`,
    pid: child.pid!,
    exited,
    output: () => tail,
    async kill(signal) {
      child.kill(signal);
      await exited;
    },
  };
}

export interface HttpSession {
  get(path: string): Promise<Response>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: object | FormData): Promise<Response>;
}

/** Logs in as `username` (the factories' password) and returns requests carrying the session and CSRF token. */
export async function loginOver(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<HttpSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.startsWith('grs_session='))
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }),
    send: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
      }),
  };
}

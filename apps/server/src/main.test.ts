// The server process as operators run it: migrations on start, health, graceful stop on SIGTERM, and the CLI.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'grassroots-main-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'info', HOST: '127.0.0.1' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
  });
}

function waitForListening(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

describe('server process and CLI', () => {
  it('migrates, creates the first admin from the CLI, refuses a weak password', () => {
    expect(cli('migrate').status).toBe(0);
    const weak = cli('user', 'create', '--username', 'first', '--name', '管理员', '--password', 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码至少8位');
    // No org yet: the CLI says what to do first.
    const noOrg = cli('user', 'create', '--username', 'first', '--name', '管理员', '--password', 'Strong#2026pw');
    expect(noOrg.status).toBe(1);
    expect(noOrg.stderr).toContain('还没有组织');
  });

  it('seeds deterministically from the CLI and verifies the audit chain', () => {
    const seeded = cli('seed', '--scale', 'county', '--seed', '3');
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/已生成 \d+ 个组织、\d+ 名党员/);
    const again = cli('seed', '--scale', 'county', '--seed', '3');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--reset');
    const created = cli('user', 'create', '--username', 'first', '--name', '管理员', '--password', 'Strong#2026pw');
    expect(created.status, created.stderr).toBe(0);
    const verify = cli('audit', 'verify');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('serves (without seeding or default passwords) and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...env, PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'fresh.sqlite')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await waitForListening(child);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true, database: 'sqlite', demo: false });
    // A fresh production database has no accounts at all, so no default password works.
    const demoLogin = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    expect(demoLogin.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

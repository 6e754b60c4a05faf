// Online, consistent backups: SQLite's backup API (pages copied while the server keeps writing) or pg_dump; and
// restore into a stopped server's database.

import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import type { DatabaseConfig } from '../config.js';

/** The most pages better-sqlite3 lets one backup step copy: all of them. */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  file: string;
  seconds: number;
}

/** Runs pg_dump or pg_restore without blocking this process (a caller may keep serving while it runs). */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => reject(new Error(`${command} 无法运行：${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} 失败：${stderr.trim()}`))));
  });
}

export async function backupDatabase(config: DatabaseConfig, file: string): Promise<BackupResult> {
  const started = Date.now();
  if (config.dialect === 'sqlite') {
    if (config.file === ':memory:' || !existsSync(config.file)) throw new Error(`数据库文件不存在：${config.file}`);
    // A connection of its own, and every page in one step: the copy is the snapshot of one read transaction, which
    // in WAL mode does not stop the server's writes. Copied in steps (better-sqlite3's default, 100 pages), the copy
    // starts over whenever another connection writes between two steps, and under a steady trickle of writes never
    // ends (a county at one edit per 5 ms: still copying after a minute).
    const source = new SqliteDatabase(config.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(file, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
  } else {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, config.url]);
  }
  return { file, seconds: (Date.now() - started) / 1000 };
}

/** Replaces the database's content with a backup. Stop the server first. */
export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<BackupResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  if (config.dialect === 'sqlite') {
    // Not read-only: a backup of a WAL database is itself in WAL mode and needs its shared-memory file.
    const source = new SqliteDatabase(file, { fileMustExist: true });
    try {
      const check = source.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份文件已损坏：${String(check)}`);
      for (const suffix of ['-wal', '-shm']) rmSync(`${config.file}${suffix}`, { force: true });
      await source.backup(config.file);
    } finally {
      source.close();
    }
  } else {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      config.url,
      file,
    ]);
  }
  return { file, seconds: (Date.now() - started) / 1000 };
}

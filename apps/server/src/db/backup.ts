// Online, consistent backups: SQLite's backup API (pages copied while the server keeps writing) or pg_dump; and
// restore into a stopped server's database.

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import type { DatabaseConfig } from '../config.js';

export interface BackupResult {
  file: string;
  seconds: number;
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${command} 无法运行：${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} 失败：${r.stderr.trim()}`);
}

export async function backupDatabase(config: DatabaseConfig, file: string): Promise<BackupResult> {
  const started = Date.now();
  if (config.dialect === 'sqlite') {
    if (config.file === ':memory:' || !existsSync(config.file)) throw new Error(`数据库文件不存在：${config.file}`);
    // A connection of its own: the backup API copies a consistent snapshot while other connections write.
    const source = new SqliteDatabase(config.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
  } else {
    run('pg_dump', ['--format=custom', '--no-owner', '--file', file, config.url]);
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
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', config.url, file]);
  }
  return { file, seconds: (Date.now() - started) / 1000 };
}

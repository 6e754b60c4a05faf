// `npm run cli -- <command>`: migrate, seed, user create, audit verify.

import { resolve } from 'node:path';
import { passwordProblem, ROLES, type Role } from '@grassroots/domain';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from './config.js';
import { backupDatabase, restoreDatabase } from './db/backup.js';
import { COUNTER_SOURCES } from './db/counter-sources.js';
import { type DbHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { clearDatabase, seedDemo } from './db/seed.js';
import { verifyChain } from './modules/audit/audit.service.js';
import { createUserUnchecked } from './modules/users/users.service.js';
import { today } from './platform/clock.js';
import { rebuildCounters } from './platform/counters.js';
import { AppError } from './platform/errors.js';
import { terminalProgress } from './platform/progress.js';

const config = loadConfig();

async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    if (handle.sqlite) handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await handle.close();
  }
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('应为非负整数');
  return n;
};

const program = new Command('grassroots').description('基层党建工作平台 命令行');

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    const applied = await withDatabase((h) => migrateToLatest(h.db));
    console.log(applied.length ? `已执行: ${applied.join(', ')}` : '数据库已是最新');
  });

program
  .command('seed')
  .description('生成演示数据（确定性：同一 seed 生成同样的数据）')
  .addOption(new Option('--scale <scale>', '规模').choices(['county', 'city', 'province']).default('county'))
  .option('--seed <n>', '随机种子', int, 1)
  .option('--reset', '先清空数据库中的全部数据', false)
  .action(async (opts: { scale: 'county' | 'city' | 'province'; seed: number; reset: boolean }) => {
    await withDatabase(async (h) => {
      if (opts.reset) await clearDatabase(h);
      const r = await seedDemo(h, config, {
        scale: opts.scale,
        seed: opts.seed,
        progress: (t, label) => terminalProgress(label, t),
      });
      console.log(`已生成 ${r.orgs} 个组织、${r.members} 名党员，用时 ${r.seconds.toFixed(1)} 秒`);
      console.log(`演示账号（密码取自 DEMO_PASSWORD，默认 Demo@2026）:`);
      for (const a of r.accounts) console.log(`  ${a.username.padEnd(7)} ${a.role.padEnd(22)} ${a.orgName}`);
    });
  });

const user = program.command('user').description('用户管理');
user
  .command('create')
  .description('新建用户（首次部署时用它创建第一个系统管理员）')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--name <name>', '姓名')
  .requiredOption('--password <password>', '密码（至少8位，含三类字符）')
  .addOption(new Option('--role <role>', '角色').choices([...ROLES]).default('system_admin'))
  .option('--org <idOrCode>', '授权组织（编号或组织代码），默认根组织')
  .option('--no-subtree', '仅本组织，不含下级')
  .action(
    async (opts: { username: string; name: string; password: string; role: Role; org?: string; subtree: boolean }) => {
      const problem = passwordProblem(opts.password, opts.username);
      if (problem) throw new Error(problem);
      await withDatabase(async (h) => {
        const org = opts.org
          ? await h.db
              .selectFrom('orgs')
              .select(['id', 'name'])
              .where((eb) =>
                eb.or([
                  eb('code', '=', opts.org!),
                  ...(/^\d+$/.test(opts.org!) ? [eb('id', '=', Number(opts.org))] : []),
                ]),
              )
              .executeTakeFirst()
          : await h.db
              .selectFrom('orgs')
              .select(['id', 'name'])
              .where('parentId', 'is', null)
              .orderBy('id')
              .executeTakeFirst();
        if (!org) throw new Error(opts.org ? `找不到组织 ${opts.org}` : '数据库中还没有组织：请先导入或新建根组织');
        const id = await createUserUnchecked(
          { db: h.db, dialect: h.dialect, config },
          { userId: null, username: 'cli', ip: null },
          {
            username: opts.username,
            name: opts.name,
            password: opts.password,
            grants: [{ role: opts.role, orgId: org.id, includeSubtree: opts.subtree, validFrom: null, validTo: null }],
          },
        );
        console.log(`已创建用户 ${opts.username}（编号 ${id}），角色 ${opts.role}，授权组织 ${org.name}`);
      });
    },
  );

const counters = program.command('counters').description('子树计数器');
counters
  .command('rebuild')
  .description('从记录重新计算全部计数器并报告偏差；--verify 只校验不写入')
  .option('--verify', '只校验，不写入；有偏差时退出码为1', false)
  .action(async (opts: { verify: boolean }) => {
    const r = await withDatabase((h) => rebuildCounters(h.db, COUNTER_SOURCES, today(), { write: !opts.verify }));
    console.log(
      `计数器 ${r.rows} 行，偏差 ${r.driftCount} 处，用时 ${r.seconds.toFixed(1)} 秒${opts.verify ? '（仅校验）' : '（已重建）'}`,
    );
    for (const d of r.drift)
      console.log(`  org ${d.orgId} ${d.dimension}=${d.value}: 存储 ${d.stored}，重算 ${d.recounted}`);
    if (opts.verify && r.driftCount > 0) process.exitCode = 1;
  });

program
  .command('backup <file>')
  .description('在线备份数据库（服务运行中也可执行；SQLite 用备份接口，PostgreSQL 用 pg_dump）')
  .action(async (file: string) => {
    const r = await backupDatabase(config.database, resolve(file));
    console.log(`已备份到 ${r.file}，用时 ${r.seconds.toFixed(1)} 秒`);
  });

program
  .command('restore <file>')
  .description('从备份恢复数据库（请先停止服务）；恢复后校验审计日志哈希链')
  .action(async (file: string) => {
    const r = await restoreDatabase(config.database, resolve(file));
    const chain = await withDatabase((h) => verifyChain({ db: h.db, dialect: h.dialect, config }));
    console.log(
      `已从 ${r.file} 恢复，用时 ${r.seconds.toFixed(1)} 秒；审计日志 ${chain.ok ? '校验通过' : `第 ${chain.firstBrokenId} 条校验失败`}（${chain.checked} 条）`,
    );
    if (!chain.ok) process.exitCode = 1;
  });

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('校验审计日志哈希链')
  .action(async () => {
    const r = await withDatabase((h) => verifyChain({ db: h.db, dialect: h.dialect, config }));
    console.log(JSON.stringify(r));
    if (!r.ok) {
      console.error(`审计日志在第 ${r.firstBrokenId} 条记录处被篡改或删除`);
      process.exitCode = 1;
    }
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof AppError) console.error(`${err.message}${err.fields ? ` ${JSON.stringify(err.fields)}` : ''}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

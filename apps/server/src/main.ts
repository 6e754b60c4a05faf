// config → build() → listen(); graceful shutdown. `--demo` (npm start) seeds a demo county into an empty database.
import { build } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { scheduleCounterRebuild } from './db/nightly.js';
import { isDatabaseEmpty, seedDemo } from './db/seed.js';
import { terminalProgress } from './platform/progress.js';
import { ensureWebBuild } from './web-build.js';

async function main() {
  const demo = process.argv.includes('--demo');
  const config = loadConfig(process.env, { demo });
  const handle = openDatabase(config.database, { backgroundCheckpoint: true });
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) console.error(`已执行数据库迁移: ${applied.join(', ')}`);

  if (demo) {
    if (await isDatabaseEmpty(handle)) {
      console.error('空数据库：正在生成演示县数据（约2万名党员）…');
      const r = await seedDemo(handle, config, {
        scale: 'county',
        seed: 1,
        progress: (t, label) => terminalProgress(label, t),
      });
      console.error(`已生成 ${r.orgs} 个组织、${r.members} 名党员，用时 ${r.seconds.toFixed(1)} 秒`);
    }
    await ensureWebBuild();
  }

  const app = await build({ config, handle });
  const nightly = scheduleCounterRebuild(handle, app.log);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown timed out after 15 s');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      clearInterval(nightly);
      await app.close();
      await handle.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (demo) {
    const url = `http://localhost:${config.port}`;
    console.error(
      [
        '',
        `基层党建工作平台（演示模式）已启动: ${url}`,
        `演示账号（密码 ${config.demoPassword}）:`,
        '  admin   系统管理员（全县）',
        '  county  组织部管理员（全县）',
        '  town    乡镇党委管理员（城关镇）',
        '  branch  支部书记（一个村党支部）',
        '  grid    网格员（一个党小组）',
        '  viewer  只读领导（全县）',
        '',
      ].join('\n'),
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

// `npm start` builds the web app when its build is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './config.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function isWebBuildStale(): boolean {
  const web = join(REPO_ROOT, 'apps/web');
  const index = join(web, 'dist/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(web, 'src'), join(REPO_ROOT, 'packages/domain/src')].filter(existsSync).map(newestMtime);
  const configs = ['index.html', 'vite.config.ts', 'package.json']
    .map((f) => join(web, f))
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs);
  return Math.max(...sources, ...configs) > built;
}

export async function ensureWebBuild(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'apps/web/package.json')) || !isWebBuildStale()) return;
  console.error('正在构建前端页面（首次启动或源码有更新）…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@grassroots/web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('前端构建失败 (npm run build -w @grassroots/web)');
}

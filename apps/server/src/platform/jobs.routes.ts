// Long jobs over HTTP: a job's progress and result for the user who started it, the annotated workbook of a failed
// import; and the jobs' lifecycle in the server (interrupted jobs failed at start, old upload files removed).
import { access } from 'node:fs/promises';
import { ZIdParams } from '@grassroots/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from './auth/auth.hook.js';
import type { AppContext } from './context.js';
import { notFound } from './errors.js';
import { sendWorkbook, writeAnnotatedSheet } from './excel.js';
import { failInterruptedJobs, getOwnJob, jobParams, toJobDto, waitForJobs } from './jobs.js';
import { jobFilePath, removeStaleUploads } from './uploads.js';

const tags = ['jobs'];

export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    let sweeper: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      const failed = await failInterruptedJobs(ctx.db);
      if (failed > 0) app.log.warn({ failed }, 'jobs interrupted by a restart marked failed');
      await removeStaleUploads();
      sweeper = setInterval(() => void removeStaleUploads().catch(() => {}), 3600_000);
      sweeper.unref();
    });
    app.addHook('onClose', async () => {
      if (sweeper) clearInterval(sweeper);
      await waitForJobs(ctx.db, 10_000);
    });

    app.get(
      '/api/jobs/:id',
      { schema: { tags, summary: '任务进度与结果（仅发起人可见）', params: ZIdParams } },
      async (req) => toJobDto(await getOwnJob(ctx.db, requireActor(req), req.params.id)),
    );

    app.get(
      '/api/jobs/:id/errors.xlsx',
      {
        schema: {
          tags,
          summary: '导入失败时：原文件逐行标注错误（错误说明列、错误单元格标红）',
          params: ZIdParams,
        },
      },
      async (req, reply) => {
        const job = await getOwnJob(ctx.db, requireActor(req), req.params.id);
        if (job.state !== 'failed' || !job.fileKey) throw notFound('错误文件');
        const upload = jobFilePath(job.fileKey, 'upload.xlsx');
        const errors = jobFilePath(job.fileKey, 'errors.ndjson');
        try {
          await access(upload);
          await access(errors);
        } catch {
          throw notFound('错误文件（已过期，请重新导入）');
        }
        const name = (jobParams<{ fileName?: string }>(job)?.fileName ?? '导入文件.xlsx').replace(/\.xlsx$/i, '');
        return sendWorkbook(reply, `${name}-错误标注.xlsx`, (out) => writeAnnotatedSheet(out, upload, errors));
      },
    );
  };
}

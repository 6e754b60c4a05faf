// build(): platform plugins, then each module's plugin; no listen().

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import type { DbHandle } from './db/database.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { contactPointsRoutes } from './modules/contact-points/contact-points.routes.js';
import { developmentRoutes } from './modules/development/development.routes.js';
import { duesRoutes } from './modules/dues/dues.routes.js';
import { electionsRoutes } from './modules/elections/elections.routes.js';
import { formsRoutes } from './modules/forms/forms.routes.js';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.js';
import { lifeRoutes } from './modules/life/life.routes.js';
import { membersRoutes } from './modules/members/members.routes.js';
import { membersLedgerRoutes } from './modules/members/members-ledger.routes.js';
import { transfersExternalRoutes } from './modules/members/transfers-external.routes.js';
import { metricsRoutes } from './modules/metrics/metrics.routes.js';
import { mobileRoutes } from './modules/mobile/mobile.routes.js';
import { orgsRoutes } from './modules/orgs/orgs.routes.js';
import { orgsLedgerRoutes } from './modules/orgs/orgs-ledger.routes.js';
import { projectsRoutes } from './modules/projects/projects.routes.js';
import { reportCheckRoutes } from './modules/reports/report-check.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { starRatingsRoutes } from './modules/star-ratings/star-ratings.routes.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { unitsRoutes } from './modules/units/units.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { warningsRoutes } from './modules/warnings/warnings.routes.js';
import { weakOrgsRoutes } from './modules/weak-orgs/weak-orgs.routes.js';
import { attachmentsRoutes } from './platform/attachments.routes.js';
import { registerAuthHook } from './platform/auth/auth.hook.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import type { AppContext } from './platform/context.js';
import { registerErrorHandler } from './platform/errors.js';
import { jobsRoutes } from './platform/jobs.routes.js';

export interface BuildOptions {
  config: AppConfig;
  handle: DbHandle;
  logger?: boolean;
}

export async function build({ config, handle, logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = config.webDist && existsSync(join(config.webDist, 'index.html')) ? config.webDist : null;
  registerErrorHandler(app, { spaFallback: webDist !== null });

  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, config };

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Grassroots 基层党建工作平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'grs_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  registerAuthHook(app, ctx);

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['platform'], summary: '健康检查' } },
    async () => {
      await handle.db.selectFrom('orgs').select('id').limit(1).execute();
      return { ok: true, database: handle.dialect, demo: config.demo };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes(ctx));
  await app.register(orgsRoutes(ctx));
  await app.register(membersRoutes(ctx));
  await app.register(usersRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(unitsRoutes(ctx));
  await app.register(tasksRoutes(ctx));
  await app.register(projectsRoutes(ctx));
  await app.register(contactPointsRoutes(ctx));
  await app.register(developmentRoutes(ctx));
  await app.register(warningsRoutes(ctx));
  await app.register(weakOrgsRoutes(ctx));
  await app.register(inspectionsRoutes(ctx));
  await app.register(electionsRoutes(ctx));
  await app.register(starRatingsRoutes(ctx));
  await app.register(duesRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(attachmentsRoutes(ctx));
  await app.register(lifeRoutes(ctx));
  await app.register(orgsLedgerRoutes(ctx));
  await app.register(membersLedgerRoutes(ctx));
  await app.register(transfersExternalRoutes(ctx));
  await app.register(mobileRoutes(ctx));
  await app.register(metricsRoutes(ctx));
  await app.register(reportCheckRoutes(ctx));
  await app.register(formsRoutes(ctx));
  await app.register(reportsRoutes(ctx));

  if (webDist) {
    // wildcard: files are looked up per request, so a web build made while the server runs is served at once.
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true });
  }
  return app;
}

// One root error handler: AppError → its status and Chinese message; validation → 400 with the fields named;
// anything unexpected → a logged 500 that shows the client no internals.
import { AppError, type ErrorCode, type FieldErrors } from '@grassroots/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export { AppError };

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
}

export function forbidden(message = '您没有执行此操作的权限'): AppError {
  return new AppError('FORBIDDEN', message);
}

export function staleVersion(what: string, current: unknown): AppError {
  return new AppError('STALE_VERSION', `${what}已被他人修改，请查看最新内容后再保存`, undefined, { current });
}

export function validationFailed(fields: FieldErrors): AppError {
  const first = Object.values(fields)[0] ?? '输入有误';
  return new AppError('VALIDATION_FAILED', `输入有误：${first}`, fields);
}

interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors } & Record<string, unknown>;
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型，请以 JSON 提交' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容不是有效的JSON' },
};

/** `spaFallback`: a GET outside /api that matches no route or file answers with the web app (client routes). */
export function registerErrorHandler(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof AppError) {
      status = err.status;
      body = {
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.extra },
      };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldErrors = {};
      for (const v of err.validation) {
        const key = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
        fields[key] ??= v.message ?? '输入有误';
      }
      status = 400;
      body = { error: { code: 'VALIDATION_FAILED', message: `输入有误：${Object.values(fields)[0]}`, fields } };
    } else if (err.code && FASTIFY_CODES[err.code]) {
      const mapped = FASTIFY_CODES[err.code]!;
      status = err.statusCode ?? 400;
      body = { error: { code: mapped.code, message: mapped.message } };
    } else if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: { code: 'BAD_REQUEST', message: '请求无效' } };
    } else {
      request.log.error({ err }, 'unexpected error');
      status = 500;
      body = { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } };
    }
    if (status >= 400 && status < 500) request.log.info({ code: body.error.code, status }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } });
  });
}

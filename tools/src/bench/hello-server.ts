// The reference point for HTTP throughput: a bare Fastify hello-world, started the same way as the real server
// (`node --import tsx`, its own process, loopback, no logger), so the ratio compares only what the app adds.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });

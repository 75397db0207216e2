import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiSystem } from '@bansos/platform';
import { AppModule } from './app.module';
import type { HttpOptions } from './system.token';

export interface AppOptions extends HttpOptions {
  readonly logger?: false | LogLevel[];
}

const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** Builds the HTTP app over a composed System (used by `npm start` and by the e2e tests). */
export async function createApp(system: ApiSystem, options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: false });
  const fastify = adapter.getInstance();
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(system, options), adapter, {
    logger: options.logger ?? ['error', 'warn'],
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('cek-bansos')
      .setDescription('Check, report, verify and disburse social assistance (bansos).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  return app;
}

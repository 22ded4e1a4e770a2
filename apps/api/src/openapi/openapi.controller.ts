import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/auth.guard.js';
import { openApiDocument } from './routes.js';

@Controller('api')
export class OpenApiController {
  @Public()
  @Get('docs-json')
  document() {
    return openApiDocument();
  }

  /** A plain index of the operations; the JSON document is the contract. */
  @Public()
  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { summary: string }>> };
    const rows = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => `<tr><td>${method.toUpperCase()}</td><td><code>${path}</code></td><td>${op.summary}</td></tr>`))
      .join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API</title></head><body><h1>Group outcomes API v1</h1><p><a href="/api/docs-json">OpenAPI JSON</a></p><table>${rows}</table></body></html>`;
  }
}

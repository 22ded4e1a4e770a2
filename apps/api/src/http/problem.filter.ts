import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DependencyUnavailable, DomainError } from '#libs/errors';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: readonly { path: string; message: string }[];
}

/** Errors raised by Express's body parser before our code runs. */
const bodyParserProblems: Record<string, Omit<Problem, 'type' | 'detail'>> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', title: 'Malformed JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING', title: 'Unsupported encoding' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET', title: 'Unsupported charset' },
};

/**
 * The one exception filter (ARCHITECTURE.md principle 8): every error leaves as RFC 7807
 * problem+json with a stable `code`. Unexpected errors are logged with their stack and
 * answered as a bare 500: no stack traces or internals in responses.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (exception instanceof DependencyUnavailable) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return {
        type: `https://group-outcomes.dev/problems/${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        code: exception.code,
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    }
    // Nest's Express adapter wraps body-parser errors in an HttpException whose cause keeps the type.
    const raw = exception instanceof HttpException && exception.cause ? exception.cause : exception;
    const parserType = (raw as { type?: unknown })?.type;
    if (typeof parserType === 'string' && bodyParserProblems[parserType]) {
      const known = bodyParserProblems[parserType]!;
      return { type: 'about:blank', detail: known.title, ...known };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'ROUTE_NOT_FOUND' : `HTTP_${status}`;
      return { type: 'about:blank', title: exception.name, status, detail: exception.message, code };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { type: 'about:blank', title: 'Internal error', status: 500, detail: 'An unexpected error occurred.', code: 'INTERNAL' };
  }
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DependencyUnavailable, DomainError } from '#libs/errors';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: readonly { path: string; message: string }[];
}

/**
 * Errors Fastify raises while reading the body, before our code runs
 * (https://fastify.dev/docs/latest/Reference/Errors/#fst_err_ctp_invalid_json_body and its neighbours).
 */
const bodyParserProblems: Record<string, Omit<Problem, 'type' | 'detail'>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', title: 'Malformed JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_BODY', title: 'Body size does not match Content-Length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
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
    sendProblem(exception, host.switchToHttp().getResponse<FastifyReply>(), this.logger);
  }
}

/** Answers `exception` as problem+json; also Fastify's `frameworkErrors` (bootstrap.ts), which it raises before any route runs. */
export function sendProblem(exception: unknown, reply: FastifyReply, logger: Pick<Logger, 'error'>): FastifyReply {
  const problem = toProblem(exception, logger);
  if (exception instanceof DependencyUnavailable) reply.header('Retry-After', String(exception.retryAfterSeconds));
  return reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

function toProblem(exception: unknown, logger: Pick<Logger, 'error'>): Problem {
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
  // Nest's Fastify adapter wraps Fastify's own 4xx errors in an HttpException whose cause keeps the code.
  const raw = exception instanceof HttpException && exception.cause ? exception.cause : exception;
  const parserCode = (raw as { code?: unknown } | null)?.code;
  if (typeof parserCode === 'string' && bodyParserProblems[parserCode]) {
    const known = bodyParserProblems[parserCode]!;
    return { type: 'about:blank', detail: known.title, ...known };
  }
  // Any other request Fastify could not read (a bad URL, a bad header): its own 4xx status, our shape.
  const fastifyStatus = (raw as { statusCode?: unknown } | null)?.statusCode;
  if (typeof parserCode === 'string' && parserCode.startsWith('FST_') && typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return { type: 'about:blank', title: 'Unreadable request', status: fastifyStatus, detail: 'The request could not be read.', code: `HTTP_${fastifyStatus}` };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = status === 404 ? 'ROUTE_NOT_FOUND' : `HTTP_${status}`;
    return { type: 'about:blank', title: exception.name, status, detail: exception.message, code };
  }
  logger.error(exception instanceof Error ? exception.stack : String(exception));
  return { type: 'about:blank', title: 'Internal error', status: 500, detail: 'An unexpected error occurred.', code: 'INTERNAL' };
}

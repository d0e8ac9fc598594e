import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { Logger } from 'pino';
import { StaleVersionError } from '#application/command-handling';
import { DomainError, DomainErrorKind } from '#domain/shared/domain-error';
import { InvalidCursorError } from '#projections/cursor';
import { EventTooLargeError } from '#event-store/port';
import { RequestRefusal } from './request-guards';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  field?: string;
  details?: unknown;
}

/** Every error leaves as `{ statusCode, error, message }`; only a fault of ours is a 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.log.error({ err: exception }, 'request failed');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF_KIND[exception.kind];
      return {
        statusCode,
        error: reasonPhrase(statusCode),
        message: exception.message,
        code: exception.code,
        field: exception.field,
      };
    }
    if (exception instanceof StaleVersionError) {
      return {
        statusCode: 409,
        error: 'Conflict',
        message: exception.message,
        code: 'STALE_VERSION',
        field: 'expectedVersion',
        details: { expectedVersion: exception.expectedVersion, actualVersion: exception.actualVersion },
      };
    }
    if (exception instanceof EventTooLargeError) {
      return {
        statusCode: 413,
        error: 'Payload Too Large',
        message: exception.message,
        code: 'EVENTS_TOO_LARGE',
      };
    }
    if (exception instanceof RequestRefusal) {
      const { statusCode, message, field } = exception;
      return { statusCode, error: reasonPhrase(statusCode), message, ...(field !== undefined && { field }) };
    }
    if (exception instanceof InvalidCursorError) {
      return { statusCode: 400, error: 'Bad Request', message: exception.message, field: 'cursor' };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'string')
        return { statusCode, error: reasonPhrase(statusCode), message: payload };
      const { message, details, field } = payload as { message?: unknown; details?: unknown; field?: string };
      return {
        statusCode,
        error: reasonPhrase(statusCode),
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        ...(field !== undefined && { field }),
        ...(details !== undefined && { details }),
      };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'The engine failed to handle this request; it is logged.',
    };
  }
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

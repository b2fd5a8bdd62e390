import type { FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { DomainException } from '../errors/domain.exception';

/**
 * JSON bodies: malformed → 400 INVALID_JSON; an empty body is "no body" rather than an error,
 * because some senders (RingCentral's webhook handshake) POST nothing with a JSON content type.
 * Prototype-poisoning keys are rejected, as Fastify's own parser does.
 */
export function parseJsonBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  if (body.length === 0) {
    done(null, undefined);
    return;
  }
  try {
    done(
      null,
      secureJsonParse.parse(body.toString('utf8'), null, {
        protoAction: 'error',
        constructorAction: 'error',
      }),
    );
  } catch {
    done(new DomainException('INVALID_JSON', 'The request body is not valid JSON'));
  }
}

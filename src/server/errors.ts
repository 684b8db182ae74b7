import type { ErrorObject } from "ajv";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type FieldError, toFieldErrors } from "../api/validation/field-errors.js";

/** Every error the API answers with: a sentence, and for bad input, each field with what is allowed. */
export interface ApiErrorBody {
  readonly error: string;
  readonly fields?: readonly FieldError[];
}

/** An error a route throws on purpose, answered with its status and message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields?: readonly FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);

const WHERE: Record<string, string> = {
  body: "",
  querystring: "query.",
  params: "path.",
  headers: "header.",
};

function prefixed(context: string | undefined, errors: FieldError[]): FieldError[] {
  const prefix = WHERE[context ?? "body"] ?? "";
  return errors.map((e) => ({
    field:
      e.field === "(document)" ? (context === "body" ? "(body)" : `(${context})`) : `${prefix}${e.field}`,
    message: e.message,
  }));
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof HttpError) {
    return reply
      .code(error.statusCode)
      .send({ error: error.message, ...(error.fields ? { fields: error.fields } : {}) });
  }
  if (error.validation) {
    const fields = prefixed(
      error.validationContext,
      toFieldErrors(error.validation as unknown as ErrorObject[]),
    );
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    return reply.code(400).send({ error: `invalid request: ${summary}`, fields });
  }
  const status = error.statusCode ?? 500;
  if (status === 400 && error.code === "FST_ERR_CTP_INVALID_JSON_BODY")
    return reply
      .code(400)
      .send({ error: "the body is not valid JSON", fields: [{ field: "(body)", message: error.message }] });
  if (status === 400 && error.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return reply.code(400).send({
      error: "the body is empty; send a JSON object",
      fields: [{ field: "(body)", message: "is required" }],
    });
  // A 400 like every other bad body (the contract), naming the limit: nothing is kept of it.
  if (status === 413) {
    const limit = `the limit of ${request.server.initialConfig.bodyLimit} bytes`;
    return reply.code(400).send({
      error: `the body is larger than ${limit}`,
      fields: [{ field: "(body)", message: `is larger than ${limit}; send a smaller body` }],
    });
  }
  if (status === 415) return reply.code(415).send({ error: "send the body as application/json" });
  if (status < 500) return reply.code(status).send({ error: error.message });
  request.log.error({ err: error }, "request failed");
  return reply.code(500).send({ error: "internal error" });
}

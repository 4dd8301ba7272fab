// Typed errors: the domain throws these and the web layer turns them into HTTP answers in one place.
export type Issue = { path: string; message: string };

export class AppError extends Error {
  constructor(public code: string, message: string, public status = 500, public issues: Issue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: Issue[]) { super('invalid_input', message, 400, issues); }
}

export class NotFoundError extends AppError {
  constructor(what: string) { super('not_found', `${what} was not found`, 404); }
}

export class KnowledgeError extends AppError {
  constructor(public problems: string[]) {
    super('knowledge_invalid', `The knowledge base has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`, 500);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first: send Authorization: Bearer <token>') { super('unauthorized', message, 401); }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this') { super('forbidden', message, 403); }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, public retryAfter: number) { super('rate_limited', message, 429); }
}

import { STATUS_CODES } from 'node:http';

/** The contract's error shape: `{ statusCode, error, message }`, plus our stable `code`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
}

export function errorBody(statusCode: number, message: string | string[], code?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}) };
}

/** The type of an emulated operation: validated input in, a wire body (and page range) out. */
import type {
  BodyOf,
  OperationName,
  ParamsOutput,
  QueryOutput,
  ResponseOf,
} from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { FailureShape } from './failure';

export interface HandlerInput<N extends OperationName> {
  params: ParamsOutput<N>;
  query: QueryOutput<N>;
  body: BodyOf<N>;
}

export interface PageRange {
  offset: number;
  count: number;
  total: number;
}

export type HandlerResult<N extends OperationName> = (ResponseOf<N> extends undefined
  ? { body?: undefined }
  : { body: ResponseOf<N> }) & {
  page?: PageRange;
  headers?: Record<string, string>;
};

export interface OperationHandler<N extends OperationName> {
  handle(ctx: ApiContext, input: HandlerInput<N>): HandlerResult<N>;
  /** The error body shape this endpoint answers with; `swr` unless said. */
  errorShape?: FailureShape;
}

export type HandlerTable = { [N in OperationName]: OperationHandler<N> };

/** Paging defaults of SWR lists: 100 items from the start. */
export function pageOf(query: { limit?: number; offset?: number }): {
  limit: number;
  offset: number;
} {
  return { limit: query.limit ?? 100, offset: query.offset ?? 0 };
}

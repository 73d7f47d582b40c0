/** An SWR error the emulator answers with: a code of the catalogue, and a message for people. */
import { SWR_ERRORS, type SwrErrorKey } from '@swr-dashboard/swr-client';

/**
 * `swr` is SWR's usual `{errorCode, errorMessage, detail}`; `swr-list` is the
 * `{errors:[{errorCode, errorMessage}]}` some delete endpoints answer with (docs/swr-api.md,
 * "Errors").
 */
export type FailureShape = 'swr' | 'swr-list';

export class SwrFailure extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    readonly key: SwrErrorKey,
    detail?: string,
  ) {
    const error = SWR_ERRORS[key];
    super(detail === undefined ? error.message : `${error.message}: ${detail}`);
    this.status = error.status;
    this.code = error.code;
  }

  body(shape: FailureShape): unknown {
    return shape === 'swr-list'
      ? { errors: [{ errorCode: this.code, errorMessage: this.message }] }
      : { errorCode: this.code, errorMessage: this.message, detail: '' };
  }
}

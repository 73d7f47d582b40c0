/** The API versions (operations 19 and 20). */
import { expect } from 'vitest';
import { EAST, expectOk, expectSignatureError, expectSwrError, MAIN, type Area } from '../harness';

/** v2 as a region describes it; the harness shows the emulator's URL as `<region>`. */
function v2(region: string) {
  return {
    id: 'v2',
    links: { href: `<${region}>/v2/`, rel: 'self' },
    version: '2.26',
    status: 'CURRENT',
    updated: '2017-12-09T00:00:00Z',
    min_version: '2.0',
  };
}

export const versions: Area = {
  name: 'API versions',
  scenarios: [
    {
      name: 'list the versions and show v2; an unknown version is 404',
      async run(side) {
        expect(expectOk(await side.call('listApiVersions', {}), 200)).toEqual({
          versions: [v2(MAIN)],
        });
        expect(
          expectOk(await side.call('showApiVersion', { params: { api_version: 'v2' } }), 200),
        ).toEqual({ version: v2(MAIN) });
        expectSwrError(
          await side.call('showApiVersion', { params: { api_version: 'v9' } }),
          'urlNotFound',
        );
        expectSwrError(
          await side.call('showApiVersion', { params: { api_version: 'v2.1' } }),
          'urlNotFound',
        );
      },
    },
    {
      name: 'each region links its own endpoint',
      async run(side) {
        expect(expectOk(await side.call('listApiVersions', {}, { region: EAST }), 200)).toEqual({
          versions: [v2(EAST)],
        });
        expect(
          expectOk(
            await side.call('showApiVersion', { params: { api_version: 'v2' } }, { region: EAST }),
            200,
          ),
        ).toEqual({ version: v2(EAST) });
      },
    },
    {
      name: 'even the version list needs a valid signature (401)',
      async run(side) {
        expectSignatureError(await side.call('listApiVersions', {}, { signature: 'wrong-sk' }));
        expectSignatureError(
          await side.call(
            'showApiVersion',
            { params: { api_version: 'v2' } },
            { signature: 'wrong-sk' },
          ),
        );
      },
    },
  ],
};

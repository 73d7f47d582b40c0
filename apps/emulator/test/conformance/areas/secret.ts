/** The temporary docker login command (operation 12). */
import { expect } from 'vitest';
import { EAST, expectOk, expectSignatureError, type Area } from '../harness';

const DOCKER_LOGIN = /^docker login -u (\S+)@EMULATORDEMOAK000001 -p [0-9a-f]{64}$/;

export const secret: Area = {
  name: 'login secret',
  scenarios: [
    {
      name: 'a login command for the region, with the project name as given',
      async run(side) {
        const login = expectOk(await side.call('createSecret', {}), 200);
        expect(login.registry).toBe('swr.cn-north-4.myhuaweicloud.com');
        expect(login.headerCommand).toMatch(DOCKER_LOGIN);
        expect(DOCKER_LOGIN.exec(login.headerCommand)?.[1]).toBe('cn-north-4');
        expect(login.command).toBe(`${login.headerCommand} swr.cn-north-4.myhuaweicloud.com`);

        const named = expectOk(
          await side.call('createSecret', { query: { projectname: 'cn-north-4_ops' } }),
          200,
        );
        expect(DOCKER_LOGIN.exec(named.headerCommand)?.[1]).toBe('cn-north-4_ops');

        const east = expectOk(await side.call('createSecret', {}, { region: EAST }), 200);
        expect(east.registry).toBe('swr.cn-east-3.myhuaweicloud.com');
        expect(DOCKER_LOGIN.exec(east.headerCommand)?.[1]).toBe('cn-east-3');
      },
    },
    {
      name: 'no login command for a request signed with the wrong secret key (401)',
      async run(side) {
        expectSignatureError(await side.call('createSecret', {}, { signature: 'wrong-sk' }));
      },
    },
  ],
};

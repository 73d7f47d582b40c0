/** What every emulated API call knows: the store, its region, who is calling, and the time. */
import type { AccountConfig, EmulatorConfig, IamUserConfig, RegionConfig } from './config';
import type { Store } from './store/store';

export interface Caller {
  account: AccountConfig;
  user: IamUserConfig;
  /** The access key the request was signed with. */
  ak: string;
}

export interface ApiContext {
  store: Store;
  config: EmulatorConfig;
  region: RegionConfig;
  caller: Caller;
  /** The call's time: one instant for everything the call writes. */
  now: Date;
  /** The base URL this region is served at, e.g. `http://127.0.0.1:8801`. */
  baseUrl: string;
  /** Whether the registry front door runs: changes queue the registry's share (registry/work.ts). */
  registry?: boolean;
}

/**
 * nock's net-connect setting is global and has no getter, yet a replay must disable it and
 * `close()` must put back whatever the process (or a test) had set. So the two setters are
 * wrapped once, here, to remember the last setting. nock enables every host on import (its
 * "dryrun" back mode), which is the state assumed until someone calls a setter.
 */
import nock from 'nock';

type Matcher = Parameters<typeof nock.enableNetConnect>[0];

/** A remembered net-connect setting. */
export type NetConnectState = { allow: 'none' } | { allow: 'matcher'; matcher: Matcher };

// Kept on the nock object itself, so two copies of this module (src and dist in one test
// process) share one record and wrap the setters only once.
const stateKey = Symbol.for('qeval.netConnectState');
const n = nock as unknown as Record<PropertyKey, unknown> & typeof nock;
if (!(stateKey in n)) {
  n[stateKey] = { allow: 'matcher', matcher: undefined } satisfies NetConnectState;
  const enable = nock.enableNetConnect.bind(nock);
  const disable = nock.disableNetConnect.bind(nock);
  n.enableNetConnect = (matcher?: Matcher) => {
    n[stateKey] = { allow: 'matcher', matcher } satisfies NetConnectState;
    enable(matcher);
  };
  n.disableNetConnect = () => {
    n[stateKey] = { allow: 'none' } satisfies NetConnectState;
    disable();
  };
}

/** The setting in force now. */
export function netConnectState(): NetConnectState {
  return n[stateKey] as NetConnectState;
}

/** Refuses every connection nock does not answer (remembered, like any setting). */
export function disableNetConnect(): void {
  nock.disableNetConnect();
}

/** Puts a remembered setting back. */
export function restoreNetConnect(state: NetConnectState): void {
  if (state.allow === 'none') nock.disableNetConnect();
  else nock.enableNetConnect(state.matcher);
}

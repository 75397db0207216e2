import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** Reported as the server version; clients only log it. */
export const EMULATED_SERVER_VERSION = '23.10.0';

/**
 * ServerFeatures.GetSupportedMethods, with what the emulator serves. BatchAppend is left
 * out on purpose: a client then writes with the client-streaming Append, the one emulated.
 */
const SUPPORTED: readonly [service: string, method: string][] = [
  ['event_store.client.streams.streams', 'read'],
  ['event_store.client.streams.streams', 'append'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
];

export function getSupportedMethods(_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void {
  const methods = SUPPORTED.map(([service, method]) => new SupportedMethod().setServiceName(service).setMethodName(method));
  callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(EMULATED_SERVER_VERSION));
}

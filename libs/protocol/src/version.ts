/**
 * The version of the client wire protocol: proto/cim.proto together with the rules of docs/protocol.md.
 * It goes up only for a change an older peer would misread; a new field or frame kind that an older peer
 * can ignore keeps it. A client names it in LOGIN; an im-server refuses a version outside its range.
 */
export const PROTOCOL_VERSION = 1;

/** The oldest client protocol version this code still serves. */
export const MIN_PROTOCOL_VERSION = 1;

export interface ProtocolVersionRange {
  min: number;
  max: number;
}

export const SUPPORTED_PROTOCOL_VERSIONS: ProtocolVersionRange = {
  min: MIN_PROTOCOL_VERSION,
  max: PROTOCOL_VERSION,
};

/** The version a LOGIN names: absent (0) means 1, the version of clients that predate the field. */
export function loginProtocolVersion(login: { protocolVersion?: number | null }): number {
  return Number(login.protocolVersion) || 1;
}

/** Why a client speaking `version` cannot be served, naming both sides' versions; undefined when it can. */
export function unsupportedProtocolVersion(
  version: number,
  supported: ProtocolVersionRange = SUPPORTED_PROTOCOL_VERSIONS,
): string | undefined {
  if (version >= supported.min && version <= supported.max) return undefined;
  const speaks =
    supported.min === supported.max
      ? `version ${supported.max}`
      : `versions ${supported.min} to ${supported.max}`;
  const verdict = version < supported.min ? 'too old' : 'too new';
  return `the client speaks protocol version ${version}, ${verdict} for this server, which speaks protocol ${speaks}`;
}

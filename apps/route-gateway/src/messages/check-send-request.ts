import { SEND_SESSION_PATTERN, SendRequest } from '@cim/protocol';
import { isGroupId, isUserId, USER_ID_FORM } from '@cim/session-store';
import { GatewayError } from '../errors/gateway-error';

const MAX_ID_LENGTH = 64;

/** The im-server relays SEND frames as decoded: their fields are checked here, not trusted. */
export function checkSendRequest(request: SendRequest): void {
  if (typeof request !== 'object' || request === null)
    throw new GatewayError('BadRequest', 'send request is missing');
  for (const field of ['userId', 'userName', 'clientMsgId'] as const) {
    const value: unknown = request[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
      throw new GatewayError(
        'BadRequest',
        `${field} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      );
    }
  }
  if (typeof request.body !== 'string') throw new GatewayError('BadRequest', 'body must be a string');
  checkSendSeq(request.sendSeq);
  const toOne = typeof request.receiverId === 'string' && request.receiverId.length > 0;
  const toGroup = typeof request.groupId === 'string' && request.groupId.length > 0;
  const targets = [toOne, request.group === true, toGroup].filter(Boolean).length;
  if (targets > 1)
    throw new GatewayError(
      'BadRequest',
      'a message goes to one receiver, the lobby or one group, not several',
    );
  if (targets === 0) throw new GatewayError('BadRequest', 'receiverId, group or groupId must be given');
  if (toGroup && !isGroupId(request.groupId))
    throw new GatewayError('BadRequest', 'groupId must be a decimal group id such as 1');
  if (toOne && !isUserId(request.receiverId))
    throw new GatewayError('BadRequest', `receiverId must be ${USER_ID_FORM}`);
}

/** A numbered SEND names its sending session and a positive seq (@cim/protocol send-seq.ts). */
function checkSendSeq(sendSeq: unknown): void {
  if (sendSeq === undefined || sendSeq === null) return;
  const { session, seq } = sendSeq as { session?: unknown; seq?: unknown };
  if (typeof session !== 'string' || !SEND_SESSION_PATTERN.test(session))
    throw new GatewayError(
      'BadRequest',
      'sendSeq.session must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -',
    );
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
    throw new GatewayError('BadRequest', 'sendSeq.seq must be a positive integer');
}

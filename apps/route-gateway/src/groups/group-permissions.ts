import { GroupRole } from '@cim/session-store';

/** What a member may do in a group; docs/http-api.md shows the same matrix. */
export type GroupAction =
  | 'read'
  | 'send'
  | 'rename'
  | 'add-members'
  | 'remove-member'
  | 'remove-admin'
  | 'set-role'
  | 'leave'
  | 'dismiss';

const ALLOWED: Record<GroupAction, readonly GroupRole[]> = {
  read: ['owner', 'admin', 'member'],
  send: ['owner', 'admin', 'member'],
  rename: ['owner', 'admin'],
  'add-members': ['owner', 'admin'],
  'remove-member': ['owner', 'admin'],
  'remove-admin': ['owner'],
  'set-role': ['owner'],
  // The owner dismisses the group instead: a group always has its owner.
  leave: ['admin', 'member'],
  dismiss: ['owner'],
};

const WHO: Record<GroupAction, string> = {
  read: 'a member',
  send: 'a member',
  rename: 'the owner or an admin',
  'add-members': 'the owner or an admin',
  'remove-member': 'the owner or an admin',
  'remove-admin': 'the owner',
  'set-role': 'the owner',
  leave: 'an admin or a member (the owner dismisses the group instead)',
  dismiss: 'the owner',
};

export function may(role: GroupRole, action: GroupAction): boolean {
  return ALLOWED[action].includes(role);
}

/** Who may do it, for the error that refuses it: "only the owner or an admin may rename the group". */
export function whoMay(action: GroupAction): string {
  return WHO[action];
}

import { Command } from './command';

const GROUP_ID = /^[1-9][0-9]*$/;
const USER_ID = /^[1-9][0-9]*$/;

export const listGroups: Command = {
  names: [':groups'],
  description: 'list your groups (send to one with #<group> text)',
  run: async (context) => {
    const groups = await context.groups.mine();
    if (!groups.length)
      return context.print('*** you are in no group; :gcreate <name> <userId>... makes one');
    context.print(`*** ${groups.length} group(s):`);
    for (const g of groups)
      context.print(`  #${g.id}  ${g.name}  (${g.memberCount} members, you: ${g.role})`);
  },
};

export const createGroup: Command = {
  names: [':gcreate'],
  args: '<name> [userId...]',
  description: 'create a group with these members; you are its owner',
  run: async (context, args) => {
    const [name, ...members] = args.split(/\s+/).filter(Boolean);
    if (!name || !members.every((m) => USER_ID.test(m)))
      return context.print('*** usage: :gcreate <name> [userId...]');
    const group = await context.groups.create(name, members);
    context.print(`*** created #${group.id} ${group.name} with ${group.memberCount} members`);
  },
};

export const addMembers: Command = {
  names: [':gadd'],
  args: '<group> <userId...>',
  description: 'add members to a group (owner or admin)',
  run: async (context, args) => {
    const parsed = groupAndUsers(args);
    if (!parsed || !parsed.userIds.length) return context.print('*** usage: :gadd <group> <userId...>');
    const added = await context.groups.add(parsed.groupId, parsed.userIds);
    context.print(`*** added to #${parsed.groupId}: ${added.length ? added.join(', ') : 'nobody new'}`);
  },
};

export const removeMember: Command = {
  names: [':grm'],
  args: '<group> <userId>',
  description: 'remove a member from a group (owner or admin)',
  run: async (context, args) => {
    const parsed = groupAndUsers(args);
    if (!parsed || parsed.userIds.length !== 1) return context.print('*** usage: :grm <group> <userId>');
    await context.groups.remove(parsed.groupId, parsed.userIds[0]);
    context.print(`*** removed ${parsed.userIds[0]} from #${parsed.groupId}`);
  },
};

export const leaveGroup: Command = {
  names: [':gleave'],
  args: '<group>',
  description: 'leave a group',
  run: async (context, args) => {
    const groupId = args.replace(/^#/, '');
    if (!GROUP_ID.test(groupId)) return context.print('*** usage: :gleave <group>');
    await context.groups.leave(groupId);
    context.print(`*** you left #${groupId}`);
  },
};

/** `<group> <userId...>`, the group with or without its '#'. */
function groupAndUsers(args: string): { groupId: string; userIds: string[] } | null {
  const [group, ...userIds] = args.split(/\s+/).filter(Boolean);
  const groupId = (group ?? '').replace(/^#/, '');
  if (!GROUP_ID.test(groupId) || !userIds.every((u) => USER_ID.test(u))) return null;
  return { groupId, userIds };
}

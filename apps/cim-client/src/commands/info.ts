import { Command } from './command';

export const info: Command = {
  names: [':info'],
  description: 'who you are, your device and server, the connection state and the gateway',
  run: ({ client, history, print }) => {
    const session = client.session;
    print('*** info:');
    print(`  user:     ${session ? `${session.name} (${session.userId})` : '-'}`);
    print(
      `  server:   ${session ? `${session.server.id} (${session.server.host}:${session.server.port})` : '-'}`,
    );
    print(`  device:   ${session ? `${session.device.id} (${session.device.kind})` : '-'}`);
    print(`  state:    ${client.state}`);
    print(`  gateway:  ${client.gatewayUrl}`);
    print(`  history:  ${history.userDir}`);
  },
};

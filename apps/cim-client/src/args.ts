import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface CliArgs {
  name: string;
  /** From --password or CIM_PASSWORD; asked for (hidden) when neither is given. */
  password?: string;
  gatewayUrl: string;
  historyDir: string;
  /** How to reach the im-server: tcp (TLS when the server speaks it) or websocket. */
  carrier: 'tcp' | 'websocket';
  /** A PEM file of certificates to trust besides Node's own (a private CA). */
  caFile?: string;
  /** The device id to log in as; absent: one stable id per machine and OS user. */
  device?: string;
}

export class UsageError extends Error {}

export const DEFAULT_GATEWAY = 'http://127.0.0.1:8080';

export const USAGE = `usage: cim-client --name <name> [--password <password>] [--gateway <url>] [--history-dir <dir>]
                  [--carrier tcp|websocket] [--ca-file <pem>] [--device <id>]

  --name         your user name; registered on first use (letters, digits, "_", "-", ".")
  --password     or CIM_PASSWORD; asked for (not echoed) when neither is given
  --gateway      the route-gateway, or CIM_GATEWAY_URL (default ${DEFAULT_GATEWAY})
  --history-dir  where the chat history is kept, or CIM_HISTORY_DIR (default ~/.cim/history)
  --carrier      how to reach the im-server, or CIM_CARRIER: tcp (default) or websocket; either is
                 encrypted when the server has TLS on, its certificate verified
  --ca-file      or CIM_CA_FILE: a PEM file of CA certificates to trust besides the system's (a private
                 CA); NODE_EXTRA_CA_CERTS does the same, for the gateway's HTTPS as well
  --device       the device to log in as (1 to 64 letters, digits, ".", "_", ":", "-"); default: one
                 id per machine and OS user. Give each terminal its own to be online on both at once

Type :help once connected. Exit codes: 0 quit, 1 could not log in or gave up reconnecting,
2 bad arguments, 3 kicked (logged in elsewhere).`;

const NAME = /^[A-Za-z0-9_.-]{1,32}$/;
const DEVICE = /^[A-Za-z0-9._:-]{1,64}$/;

/** The command line and the environment → the options; 'help' for --help. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: 'string', short: 'n' },
        password: { type: 'string', short: 'p' },
        gateway: { type: 'string', short: 'g' },
        'history-dir': { type: 'string' },
        carrier: { type: 'string' },
        'ca-file': { type: 'string' },
        device: { type: 'string', short: 'd' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const name = values.name ?? '';
  if (!NAME.test(name)) throw new UsageError('--name is required: 1 to 32 letters, digits, "_", "-" or "."');
  const gatewayUrl = values.gateway ?? variable(env, 'CIM_GATEWAY_URL') ?? DEFAULT_GATEWAY;
  if (!/^https?:\/\/[^/]+/.test(gatewayUrl))
    throw new UsageError(`--gateway must be an http(s) URL: ${gatewayUrl}`);
  const password = values.password ?? variable(env, 'CIM_PASSWORD');
  const historyDir = expandHome(
    values['history-dir'] ?? variable(env, 'CIM_HISTORY_DIR') ?? '~/.cim/history',
  );
  const carrier = values.carrier ?? variable(env, 'CIM_CARRIER') ?? 'tcp';
  if (carrier !== 'tcp' && carrier !== 'websocket')
    throw new UsageError(`--carrier must be tcp or websocket: ${carrier}`);
  const caPath = values['ca-file'] ?? variable(env, 'CIM_CA_FILE');
  const caFile = caPath === undefined ? undefined : expandHome(caPath);
  const device = values.device;
  if (device !== undefined && !DEVICE.test(device))
    throw new UsageError(`--device must be 1 to 64 letters, digits, ".", "_", ":" or "-": ${device}`);
  return { name, password, gatewayUrl, historyDir, carrier, caFile, device };
}

/** A variable of the environment; one set to the empty string is unset, as for the servers. */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || undefined;
}

function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return resolve(path);
}

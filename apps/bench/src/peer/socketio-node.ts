// One Socket.IO 4.8 node of the peer system, with @socket.io/redis-adapter on ioredis. Started by the
// bench as a child process: PORT, REDIS_URL and NODE_ID come from the environment.
//
// The semantics mirror cim's: a client connects with auth {userId} and joins the room user:<id>;
// 'send' {id, to, body} emits 'message' to that room through the adapter (so it reaches the node the
// receiver is on) and acks the sender with a message id and time; 'send' {id, group: true, body}
// broadcasts to everyone but the sender, on every node; 'send' {id, room, body} emits to the room
// group:<room> but the sender (a group: its members join its room at connect, auth {rooms}).
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, Socket } from 'socket.io';

interface SendRequest {
  id: string;
  to?: string;
  group?: boolean;
  room?: string;
  body: string;
}

type Ack = (reply: { id: string; messageId: string; sentAt: number }) => void;

const port = Number(process.env.PORT);
const nodeId = process.env.NODE_ID ?? '1';
const pub = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const sub = pub.duplicate();

const http = createServer((req, res) => {
  res.writeHead(req.url === '/ready' ? 200 : 404).end();
});
const io = new Server(http, { transports: ['websocket'], adapter: createAdapter(pub, sub) });
let nextId = 0;

io.use((socket, next) => {
  const { userId, rooms } = socket.handshake.auth as { userId?: unknown; rooms?: unknown };
  if (typeof userId !== 'string' || !userId) return next(new Error('auth.userId is required'));
  socket.data.userId = userId;
  void socket.join(`user:${userId}`);
  if (Array.isArray(rooms)) for (const room of rooms) void socket.join(`group:${String(room)}`);
  next();
});

io.on('connection', (socket: Socket) => {
  const from = socket.data.userId as string;
  socket.on('send', (request: SendRequest, ack?: Ack) => {
    const messageId = `${nodeId}-${++nextId}`;
    const sentAt = Date.now();
    const message = { messageId, from, body: request.body, sentAt };
    if (request.room) socket.to(`group:${request.room}`).emit('message', message);
    else if (request.group) socket.broadcast.emit('message', message);
    else if (request.to) io.to(`user:${request.to}`).emit('message', message);
    ack?.({ id: request.id, messageId, sentAt });
  });
});

http.listen(port, '127.0.0.1');

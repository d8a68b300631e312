/**
 * A loopback stand-in for the gateway's `POST /v1/chat/completions` (OpenAI-compatible), for
 * tests and for recording the shipped example cassettes. It listens on 127.0.0.1 with an
 * ephemeral port, answers deterministically, injects faults on a schedule, and counts requests
 * and the most requests it ever had in flight. Nothing here touches the real API.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { embeddingsAnswer } from './sim-embeddings.js';

export type FaultKind =
  | '429'
  | '429-retry-after'
  | '500'
  | '502-html'
  | '503'
  | '504'
  | 'reset'
  | 'hang'
  | 'broken-json'
  | '401'
  | '403'
  | '404-model'
  | 'no-choices'
  | '400'
  | '422'
  | 'openai-error'
  | 'redirect'
  // Hostile answers: each writes until the client lets go (or `hostileCapBytes`, so a test that
  // fails cannot fill the machine).
  | 'endless-sse' // valid SSE chunks, never [DONE]
  | 'endless-line' // one SSE data line that never ends
  | 'huge-body'; // a 200 JSON body of `hostileCapBytes` with no content-length

export interface Fault {
  kind: FaultKind;
  /** Only requests whose parsed body matches; default every request. */
  match?: (body: SimRequestBody, headers: IncomingHttpHeaders) => boolean;
  /** How many matching requests get the fault; default unlimited. */
  times?: number;
  /** Seconds for `429-retry-after` (default 1); a string is sent as is (an HTTP date). */
  retryAfter?: number | string;
  /** The most a hostile answer writes (default 256 MB). */
  hostileCapBytes?: number;
}

/** A message as the client sent it: assistant turns may carry `tool_calls`, tool turns answer one. */
export interface SimMessage {
  role: string;
  content: unknown;
  tool_call_id?: string;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
}

export interface SimRequestBody {
  model: string;
  messages: SimMessage[];
  stream?: boolean;
  [param: string]: unknown;
}

/** A tool call the simulated model makes; `arguments` as an object is sent as its JSON text. */
export interface SimToolCall {
  /** Default `call_<n>` (the n-th call of the answer). */
  id?: string;
  name: string;
  /** A string is sent as is, so a test can send arguments that are not JSON. */
  arguments: string | Record<string, unknown>;
}

export interface SimAnswer {
  content: string;
  /** Calls to make (parallel when more than one); finish_reason defaults to `tool_calls`. */
  tool_calls?: SimToolCall[];
  finish_reason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens?: number };
  /** The model id to answer with (default: the requested one). */
  model?: string;
  /** `x-aimlapi-usd-spent`; null sends no cost header. Default: derived from usage. */
  usd?: number | null;
}

export interface SimulatorOptions {
  /** Delay before answering (or a function of the request). */
  latencyMs?: number | ((body: SimRequestBody) => number);
  /** Builds the answer; default: a deterministic echo of the last user message. */
  respond?: (body: SimRequestBody, headers: IncomingHttpHeaders) => SimAnswer | Promise<SimAnswer>;
  faults?: Fault[];
  /** Delay between streamed chunks (default 5 ms). */
  chunkDelayMs?: number;
  /** Whether to also put `meta.usage.usd_spent` in bodies (default true). */
  bodyCost?: boolean;
  /** The `x-inference-id` of an answer (default: a digest of the request). */
  inferenceId?: (body: SimRequestBody) => string;
  /**
   * Streamed tool calls: every delta repeats `id`, `type` and the whole `name` (the OpenAPI file
   * marks them required in each delta) instead of sending them once, as OpenAI does.
   */
  repeatToolFields?: boolean;
}

export interface SimulatorStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Requests per fault kind served. */
  faults: Record<string, number>;
  /** Headers of every request, in arrival order (for header assertions). */
  headers: IncomingHttpHeaders[];
  /** Bodies of every request, in arrival order. */
  bodies: SimRequestBody[];
  /** Bodies of every embeddings request, in arrival order. */
  embeddings: Array<{ model?: unknown; input?: unknown }>;
}

export interface Simulator {
  /** Base URL to hand the client: `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  stats: SimulatorStats;
  /** Replaces the fault schedule. */
  setFault(faults: Fault[] | Fault | null): void;
  /** Stops listening and destroys every socket (hanging ones included). */
  close(): Promise<void>;
}

/** The default answer: deterministic, derived from the last user message. */
export function echoAnswer(body: SimRequestBody): SimAnswer {
  const last = [...body.messages].reverse().find((m) => m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
  const content = `Echo: ${text}`;
  const prompt = body.messages.reduce(
    (n, m) => n + String(typeof m.content === 'string' ? m.content : '').length,
    0,
  );
  return {
    content,
    finish_reason: 'stop',
    usage: {
      prompt_tokens: Math.max(1, Math.ceil(prompt / 4)),
      completion_tokens: Math.max(1, Math.ceil(content.length / 4)),
    },
  };
}

/** Starts the simulator on 127.0.0.1:0. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const stats: SimulatorStats = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    faults: {},
    headers: [],
    bodies: [],
    embeddings: [],
  };
  let faults: Array<Fault & { used: number }> = (options.faults ?? []).map((f) => ({ ...f, used: 0 }));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closed) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let finished = false;
    const done = () => {
      if (!finished) {
        finished = true;
        stats.inFlight--;
      }
    };
    res.on('close', done);
    try {
      const raw = await readBody(req);
      stats.headers.push(req.headers);
      if (req.method === 'POST' && req.url?.endsWith('/embeddings')) return embeddings(res, raw);
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        return json(res, 404, { message: `Cannot ${req.method} ${req.url}`, statusCode: 404 });
      }
      let body: SimRequestBody;
      try {
        body = JSON.parse(raw) as SimRequestBody;
      } catch {
        return json(res, 400, { message: 'Body validation error!', statusCode: '400', path: req.url });
      }
      stats.bodies.push(body);
      const latency =
        typeof options.latencyMs === 'function' ? options.latencyMs(body) : (options.latencyMs ?? 0);
      const fault = faults.find(
        (f) => (f.times === undefined || f.used < f.times) && (!f.match || f.match(body, req.headers)),
      );
      if (fault) {
        fault.used++;
        stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
        if (fault.kind !== 'hang') await wait(latency);
        return await serveFault(fault, body, req, res);
      }
      await wait(latency);
      const answer = await (options.respond ?? echoAnswer)(body, req.headers);
      if (body.stream === true) return await stream(res, body, answer, req.headers);
      return complete(res, body, answer, req.headers);
    } finally {
      if (res.writableEnded) done();
    }
  }

  /** `POST /v1/embeddings`: deterministic vectors (sim-embeddings.ts); bodies counted like chat ones. */
  function embeddings(res: ServerResponse, raw: string): void {
    let body: { model?: unknown; input?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      json(res, 400, { message: 'Body validation error!', statusCode: '400' });
      return;
    }
    stats.embeddings.push(body);
    const answer = embeddingsAnswer(body);
    const headers: Record<string, string> = {};
    if (answer.usd !== null) headers['x-aimlapi-usd-spent'] = String(answer.usd);
    json(res, answer.status, answer.payload, headers);
  }

  /**
   * Writes `piece()` until the client goes away or `cap` bytes are out, waiting for the socket to
   * drain so the simulator itself holds little.
   */
  async function writeUntilGone(res: ServerResponse, piece: () => string, cap: number): Promise<void> {
    let sent = 0;
    while (sent < cap && !closed && !res.destroyed) {
      const text = piece();
      sent += Buffer.byteLength(text);
      if (!res.write(text)) {
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    }
    res.end();
  }

  async function serveFault(
    fault: Fault,
    body: SimRequestBody,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const cap = fault.hostileCapBytes ?? 256 * 1024 * 1024;
    const gw = (status: number, message: string) => ({
      message,
      path: '/v1/chat/completions',
      requestId: `sim-${stats.requests}`,
      statusCode: String(status),
      timestamp: new Date(0).toISOString(),
    });
    switch (fault.kind) {
      case '429':
        json(res, 429, gw(429, 'Too many requests'));
        return;
      case '429-retry-after':
        json(res, 429, gw(429, 'Too many requests'), { 'retry-after': String(fault.retryAfter ?? 1) });
        return;
      case '500':
        json(res, 500, gw(500, 'Internal server error: model under maintenance'));
        return;
      case '502-html':
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(
          '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{font:12px}</style></head>' +
            '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
        );
        return;
      case '503':
        json(res, 503, gw(503, 'Service unavailable'));
        return;
      case '504':
        json(res, 504, gw(504, 'Generation timeout'));
        return;
      case '400':
        json(res, 400, gw(400, 'Body validation error!'));
        return;
      case '422':
        json(res, 422, { error: { message: 'Unprocessable request', type: 'invalid_request_error' } });
        return;
      case 'openai-error':
        json(res, 500, {
          error: { message: 'The server had an error processing your request', type: 'server_error' },
        });
        return;
      case 'redirect':
        res.writeHead(307, { location: 'http://127.0.0.1:9/v1/chat/completions' });
        res.end();
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        // Never answers; close() destroys the socket.
        return;
      case 'broken-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"chatcmpl-broken","choices":[{"message":{"content":"trunc');
        return;
      case '401':
        json(res, 401, gw(401, 'Invalid API key provided'));
        return;
      case '403':
        json(res, 403, gw(403, 'You have run out of credits'));
        return;
      case '404-model':
        json(res, 404, gw(404, `Model ${body.model} is deprecated and no longer available`));
        return;
      case 'endless-sse': {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = JSON.stringify({
          object: 'chat.completion.chunk',
          model: body.model,
          choices: [{ index: 0, delta: { content: 'more '.repeat(200) }, finish_reason: null }],
        });
        await writeUntilGone(res, () => `data: ${chunk}\n\n`, cap);
        return;
      }
      case 'endless-line':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"choices":[{"index":0,"delta":{"content":"');
        await writeUntilGone(res, () => 'x'.repeat(64 * 1024), cap);
        return;
      case 'huge-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-huge","choices":[{"index":0,"message":{"role":"assistant","content":"');
        await writeUntilGone(res, () => 'y'.repeat(64 * 1024), cap);
        return;
      case 'no-choices':
        json(res, 200, {
          id: 'chatcmpl-empty',
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [],
        });
        return;
    }
  }

  function headersFor(
    body: SimRequestBody,
    answer: SimAnswer,
    reqHeaders: IncomingHttpHeaders,
    stream: boolean,
  ) {
    const h: Record<string, string> = {
      'x-inference-id': options.inferenceId?.(body) ?? `inf-${digest(JSON.stringify(body)).slice(0, 12)}`,
    };
    const echoed = reqHeaders['x-client-request-id'];
    if (typeof echoed === 'string') h['x-client-request-id'] = echoed;
    const usd = usdOf(answer);
    if (!stream && usd !== null) {
      h['x-aimlapi-usd-spent'] = String(usd);
      h['x-aimlapi-credits-used'] = String(Math.round(usd * 1e6));
    }
    return h;
  }

  function usage(body: SimRequestBody, answer: SimAnswer) {
    const u = answer.usage ?? echoAnswer(body).usage!;
    return {
      prompt_tokens: u.prompt_tokens,
      completion_tokens: u.completion_tokens,
      total_tokens: u.total_tokens ?? u.prompt_tokens + u.completion_tokens,
    };
  }

  function complete(
    res: ServerResponse,
    body: SimRequestBody,
    answer: SimAnswer,
    reqHeaders: IncomingHttpHeaders,
  ): void {
    const u = usage(body, answer);
    const usd = usdOf(answer);
    const payload: Record<string, unknown> = {
      id: `chatcmpl-${digest(JSON.stringify(body)).slice(0, 16)}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: answer.model ?? body.model,
      choices: [
        {
          index: 0,
          message: messageOf(answer),
          finish_reason: finishOf(answer),
          logprobs: null,
        },
      ],
      usage: u,
    };
    if (options.bodyCost !== false && usd !== null)
      payload.meta = { usage: { credits_used: Math.round(usd * 1e6), usd_spent: usd } };
    json(res, 200, payload, headersFor(body, answer, reqHeaders, false));
  }

  async function stream(
    res: ServerResponse,
    body: SimRequestBody,
    answer: SimAnswer,
    reqHeaders: IncomingHttpHeaders,
  ): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...headersFor(body, answer, reqHeaders, true),
    });
    const id = `chatcmpl-${digest(JSON.stringify(body)).slice(0, 16)}`;
    const model = answer.model ?? body.model;
    const base = { id, object: 'chat.completion.chunk', created: 1_700_000_000, model };
    const pieces =
      answer.content === '' && answer.tool_calls?.length ? [] : (answer.content.match(/.{1,8}/gsu) ?? ['']);
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    send({
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
    for (const piece of pieces) {
      await wait(options.chunkDelayMs ?? 5);
      if (closed || res.destroyed) return;
      send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    for (const delta of toolDeltas(answer.tool_calls ?? [], options.repeatToolFields === true)) {
      await wait(options.chunkDelayMs ?? 5);
      if (closed || res.destroyed) return;
      send({ ...base, choices: [{ index: 0, delta: { tool_calls: [delta] }, finish_reason: null }] });
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishOf(answer) }] });
    const usd = usdOf(answer);
    const last: Record<string, unknown> = { ...base, choices: [], usage: usage(body, answer) };
    if (options.bodyCost !== false && usd !== null)
      last.meta = { usage: { credits_used: Math.round(usd * 1e6), usd_spent: usd } };
    send(last);
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    setFault(next) {
      const list = next === null ? [] : Array.isArray(next) ? next : [next];
      faults = list.map((f) => ({ ...f, used: 0 }));
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function wireCalls(calls: SimToolCall[]) {
  return calls.map((c, i) => ({
    id: c.id ?? `call_${i}`,
    type: 'function' as const,
    function: {
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    },
  }));
}

/** The answer's message: with tool calls and no text, `content` is null as the gateway sends it. */
function messageOf(answer: SimAnswer): Record<string, unknown> {
  if (!answer.tool_calls?.length) return { role: 'assistant', content: answer.content, refusal: null };
  return {
    role: 'assistant',
    content: answer.content === '' ? null : answer.content,
    refusal: null,
    tool_calls: wireCalls(answer.tool_calls),
  };
}

function finishOf(answer: SimAnswer): string {
  return answer.finish_reason ?? (answer.tool_calls?.length ? 'tool_calls' : 'stop');
}

/**
 * Streamed tool-call deltas, the calls' pieces interleaved (call 0's first piece, call 1's first
 * piece, …) so a client must assemble them by index. Arguments come 6 characters at a time.
 */
function toolDeltas(calls: SimToolCall[], repeat: boolean): Array<Record<string, unknown>> {
  const wire = wireCalls(calls);
  const pieces = wire.map((c) => c.function.arguments.match(/.{1,6}/gsu) ?? ['']);
  const longest = Math.max(0, ...pieces.map((p) => p.length));
  const out: Array<Record<string, unknown>> = [];
  for (let step = 0; step < longest; step++) {
    wire.forEach((c, index) => {
      const piece = pieces[index]![step];
      if (piece === undefined) return;
      out.push(
        step === 0 || repeat
          ? { index, id: c.id, type: 'function', function: { name: c.function.name, arguments: piece } }
          : { index, function: { arguments: piece } },
      );
    });
  }
  return out;
}

/** The tool results the history holds, by the id of the call they answer (for `respond`). */
export function toolResults(body: SimRequestBody): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.messages) {
    if (m.role === 'tool' && typeof m.tool_call_id === 'string') out.set(m.tool_call_id, String(m.content));
  }
  return out;
}

function usdOf(answer: SimAnswer): number | null {
  if (answer.usd !== undefined) return answer.usd;
  const u = answer.usage;
  if (!u) return 0.000012;
  return Math.round(u.prompt_tokens * 1.6 + u.completion_tokens * 6.4) / 1e6;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A request's whole body as text (the GitHub stand-in reads its requests with it too). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// A scripted model server on 127.0.0.1 for the real harness CLIs: it speaks the streaming
// protocols they use (Anthropic Messages SSE, OpenAI Responses SSE, Gemini streamGenerateContent
// SSE). Each conversation follows the script: step N is answered when the request carries N tool
// results; after the last step the model answers with a text quoting the tool results, so a test
// can check what the harness told the model. Requests that offer no tool get a short text.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call: a shell command (the harness's own shell tool) or a named tool with arguments. */
export type Step = { shell: string } | { tool: string; args: Record<string, unknown> };

export interface ToolResult {
  protocol: Protocol;
  text: string;
}

export type Protocol = 'anthropic' | 'openai-responses' | 'openai-chat' | 'gemini';

export interface ModelServer {
  port: number;
  url: string;
  /** The tool results the harness sent back, in order (the model's view of each step). */
  results: ToolResult[];
  /** Every request: protocol, path, and the tool names it offered. */
  requests: { protocol: Protocol; path: string; tools: string[]; step: number | null }[];
  setScript(steps: Step[]): void;
  close(): Promise<void>;
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHELL_TOOLS = ['Bash', 'exec_command', 'shell', 'local_shell', 'run_shell_command', 'bash', 'execute_command', 'run_commands'];

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(textOf).join('\n');
  if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.text === 'string') return o.text;
    if (o.content !== undefined) return textOf(o.content);
    if (o.output !== undefined) return textOf(o.output);
    return JSON.stringify(o);
  }
  return String(v ?? '');
}

/** Tool names offered, and tool results carried, by a request of each protocol. */
function inspect(protocol: Protocol, body: Obj): { tools: string[]; results: string[] } {
  const tools: string[] = [];
  const results: string[] = [];
  if (protocol === 'anthropic') {
    for (const t of body.tools ?? []) if (t?.name) tools.push(t.name);
    for (const m of body.messages ?? []) if (Array.isArray(m.content)) for (const c of m.content) if (c?.type === 'tool_result') results.push(textOf(c.content));
  } else if (protocol === 'openai-responses') {
    for (const t of body.tools ?? []) if (t?.name) tools.push(t.name);
    else if (t?.type) tools.push(t.type);
    for (const i of body.input ?? []) if (i?.type === 'function_call_output' || i?.type === 'custom_tool_call_output') results.push(textOf(i.output));
  } else if (protocol === 'openai-chat') {
    for (const t of body.tools ?? []) if (t?.function?.name) tools.push(t.function.name);
    for (const m of body.messages ?? []) if (m?.role === 'tool') results.push(textOf(m.content));
  } else {
    for (const t of body.tools ?? []) for (const f of t.functionDeclarations ?? []) if (f?.name) tools.push(f.name);
    for (const c of body.contents ?? []) for (const p of c.parts ?? []) if (p?.functionResponse) results.push(textOf(p.functionResponse.response));
  }
  return { tools, results };
}

function sse(res: http.ServerResponse, events: (Obj | [string, Obj])[], trailer = ''): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'close' });
  for (const e of events) {
    if (Array.isArray(e)) res.write(`event: ${e[0]}\ndata: ${JSON.stringify(e[1])}\n\n`);
    else res.write(`data: ${JSON.stringify(e)}\n\n`);
  }
  res.end(trailer);
}

let seq = 0;
const id = (p: string) => `${p}_${Date.now().toString(36)}${(seq++).toString(36)}`;

/** The shell tool's arguments in each harness's own shape. */
function shellArgs(tool: string, command: string): Obj {
  if (tool === 'exec_command') return { cmd: command };
  if (tool === 'shell' || tool === 'local_shell') return { command: ['bash', '-lc', command] };
  if (tool === 'run_commands') return { commands: JSON.stringify([command]) };
  return { command, description: 'Run the command' };
}

function anthropic(res: http.ServerResponse, stream: boolean, call: { name: string; input: Obj } | null, text: string): void {
  const msgId = id('msg');
  const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const block = call ? { type: 'tool_use', id: id('toolu'), name: call.name, input: call.input } : { type: 'text', text };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: msgId, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [block], stop_reason: call ? 'tool_use' : 'end_turn', stop_sequence: null, usage }));
    return;
  }
  sse(res, [
    ['message_start', { type: 'message_start', message: { id: msgId, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: call ? { ...block, input: {} } : { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: call ? { type: 'input_json_delta', partial_json: JSON.stringify(call.input) } : { type: 'text_delta', text } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: call ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

function responses(res: http.ServerResponse, call: { name: string; input: Obj } | null, text: string): void {
  const respId = id('resp');
  const item = call
    ? { type: 'function_call', id: id('fc'), call_id: id('call'), name: call.name, arguments: JSON.stringify(call.input), status: 'completed' }
    : { type: 'message', id: id('msg'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };
  sse(res, [
    ['response.created', { type: 'response.created', response: { id: respId, object: 'response', status: 'in_progress', output: [] } }],
    ['response.output_item.added', { type: 'response.output_item.added', output_index: 0, item: { ...item, ...(call ? { arguments: '', status: 'in_progress' } : { content: [], status: 'in_progress' }) } }],
    ['response.output_item.done', { type: 'response.output_item.done', output_index: 0, item }],
    ['response.completed', { type: 'response.completed', response: { id: respId, object: 'response', status: 'completed', output: [item], usage } }],
  ]);
}

function chat(res: http.ServerResponse, stream: boolean, call: { name: string; input: Obj } | null, text: string): void {
  const base = { id: id('chatcmpl'), object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'test-model' };
  const tc = call ? [{ index: 0, id: id('call'), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.input) } }] : undefined;
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: call ? null : text, ...(tc ? { tool_calls: tc } : {}) }, finish_reason: call ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }));
    return;
  }
  sse(res, [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', ...(call ? { tool_calls: tc } : { content: text }) }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: call ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
  ], 'data: [DONE]\n\n');
}

function gemini(res: http.ServerResponse, stream: boolean, call: { name: string; input: Obj } | null, text: string): void {
  const chunk = {
    candidates: [{ content: { role: 'model', parts: [call ? { functionCall: { name: call.name, args: call.input } } : { text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: 'gemini-2.5-pro',
  };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(chunk));
    return;
  }
  sse(res, [chunk]);
}

export async function startModelServer(initial: Step[] = []): Promise<ModelServer> {
  let script = initial;
  const results: ToolResult[] = [];
  const requests: ModelServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const url = req.url ?? '/';
      let body: Obj = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Obj) : {};
      } catch {
        body = {};
      }
      const protocol: Protocol | null = /\/messages(\?|$)/.test(url)
        ? 'anthropic'
        : /\/responses(\?|$)/.test(url)
          ? 'openai-responses'
          : /\/chat\/completions/.test(url)
            ? 'openai-chat'
            : /:(stream)?[gG]enerateContent/.test(url)
              ? 'gemini'
              : null;
      if (req.method === 'GET' || !protocol) {
        // Model lists and other probes: an empty but well-formed answer.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(/models/.test(url) ? { object: 'list', data: [{ id: 'test-model', object: 'model' }], models: [] } : {}));
        return;
      }
      if (/:countTokens/.test(url)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ totalTokens: 10 }));
        return;
      }
      const { tools, results: got } = inspect(protocol, body);
      const shellTool = tools.find((t) => SHELL_TOOLS.includes(t));
      const step = tools.length && got.length < script.length ? script[got.length]! : null;
      const record = { protocol, path: url, tools, step: step ? got.length : null };
      requests.push(record);
      // The last tool result of a finished script is what the model saw: record each once.
      if (got.length > results.filter((r) => r.protocol === protocol).length) for (const t of got.slice(results.filter((r) => r.protocol === protocol).length)) results.push({ protocol, text: t });
      let call: { name: string; input: Obj } | null = null;
      if (step && 'shell' in step && shellTool) call = { name: shellTool, input: shellArgs(shellTool, step.shell) };
      else if (step && 'tool' in step) call = { name: step.tool, input: step.args };
      const text = tools.length ? `Done. The tool said:\n${got.map((g, i) => `[${i + 1}] ${g}`).join('\n') || '(nothing)'}` : 'OK';
      const stream = body.stream === true || /alt=sse|stream/i.test(url);
      if (protocol === 'anthropic') anthropic(res, stream, call, text);
      else if (protocol === 'openai-responses') responses(res, call, text);
      else if (protocol === 'openai-chat') chat(res, stream, call, text);
      else gemini(res, stream, call, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    results,
    requests,
    setScript(steps) {
      script = steps;
      results.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

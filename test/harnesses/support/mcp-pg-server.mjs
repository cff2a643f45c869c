#!/usr/bin/env node
// A small MCP server (stdio, JSON-RPC 2.0 one message per line) with one tool, `query`, that runs
// SQL against a real PostgreSQL with psql. Connection from PG_HOST/PG_PORT/PG_DB; every call is
// logged to MCP_CALL_LOG, so a test can tell whether the tool ran at all.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as readline from 'node:readline';

const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...msg }) + '\n');
const log = (entry) => process.env.MCP_CALL_LOG && fs.appendFileSync(process.env.MCP_CALL_LOG, JSON.stringify(entry) + '\n');

const tools = [
  {
    name: 'query',
    description: 'Run one SQL statement against the application database and return the result.',
    inputSchema: { type: 'object', properties: { sql: { type: 'string', description: 'The SQL to run' } }, required: ['sql'] },
  },
];

function runSql(sql) {
  try {
    const out = execFileSync('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', process.env.PG_HOST ?? '127.0.0.1', '-p', process.env.PG_PORT ?? '5432', '-U', 'postgres', '-d', process.env.PG_DB ?? 'postgres', '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
    return { text: out.trim() || 'OK', isError: false };
  } catch (e) {
    return { text: String(e.stderr || e.message), isError: true };
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  if (msg.id === undefined) return; // notifications
  if (msg.method === 'initialize') {
    send({ id: msg.id, result: { protocolVersion: msg.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'pg', version: '1.0.0' } } });
  } else if (msg.method === 'tools/list') {
    send({ id: msg.id, result: { tools } });
  } else if (msg.method === 'tools/call') {
    const sql = String(msg.params?.arguments?.sql ?? '');
    log({ tool: msg.params?.name, sql });
    const r = runSql(sql);
    send({ id: msg.id, result: { content: [{ type: 'text', text: r.text }], isError: r.isError } });
  } else if (msg.method === 'ping') {
    send({ id: msg.id, result: {} });
  } else {
    send({ id: msg.id, error: { code: -32601, message: `method not found: ${msg.method}` } });
  }
});

import type { Finding } from '../types';

/** A blocked command waiting for a human on another terminal. */
export interface ApprovalRequest {
  /** Random id, unique per request. */
  id: string;
  command: string;
  cwd: string;
  findings: Finding[];
  /** Resource names the human must type: one per distinct resource AND environment (the same name in two environments is typed twice). */
  resources: string[];
  /** The environment of each name in `resources` (same order), shown next to it. */
  resourceEnvironments?: string[];
  pid: number;
  ppid: number;
  user: string;
  /** "airlock -c", "hook:claude-code", "shim:psql", "bash-hook"... */
  requester: string;
  /** The requesting process's controlling terminal, if any (approver refuses that TTY). */
  tty: string | null;
  createdAt: string;
  /** The agent session (harness session id or process chain), for retries and counts. */
  session?: string;
  /** How many times this session has asked a human, this request included. */
  promptNumber?: number;
  /** Set when this repeats a request the human denied (same resource or rule family). */
  retryOf?: { at: string; command: string; match: string };
  /** Whether a checkpoint will be taken before the command runs, and of what. */
  checkpoint?: string;
  /** Denied without asking (escalation: deny); logged, never sent to the approver. */
  escalated?: boolean;
}

export interface ApprovalAnswer {
  approved: boolean;
  /** Why (for the agent): "approved on /dev/pts/3", "no approver is running: ...", "timed out". */
  message: string;
  terminal?: string;
  afterMs?: number;
}

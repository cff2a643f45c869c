// Untrusted text made safe to print: control characters are made visible, so an escape sequence
// in a command or a requester's field cannot repaint the screen (the gate and the audit log use it).

/** Escapes C0/C1 controls and DEL; keeps newlines only when `multiline`. */
export function sanitize(s: string, multiline = false): string {
  return String(s).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (multiline && c === '\n') return '\n';
    if (c === '\t') return '  ';
    return `\\x{${c.charCodeAt(0).toString(16)}}`;
  });
}

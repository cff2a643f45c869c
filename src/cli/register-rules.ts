// Subcommands of the rules area (owned by its module; main.ts only calls register).
import type { Command as Program } from 'commander';

export function register(_program: Program, _setCode: (c: number) => void): void {}

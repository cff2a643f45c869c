// `airlock init bash`: the interactive pre-exec hook, and the BASH_ENV guard for `bash -c`.
//
// Interactive design (see docs in the generated text): Enter (C-m, C-j, C-o in emacs, vi-insert
// and vi-command keymaps) is a readline macro "C-x C-g C-x C-h": C-x C-g is a `bind -x` function
// that sees the WHOLE edit buffer ($READLINE_LINE) before readline accepts it, asks the resident
// server (a coprocess `airlock serve --stdio`, one per shell), and then re-binds C-x C-h to either
// accept-line (allow / block with the buffer emptied) or a no-op (unfinished line: a newline is
// appended to the buffer so a continued line is checked as one). Nothing depends on history, the
// DEBUG trap or PROMPT_COMMAND, so HISTCONTROL=ignoreboth, bash-preexec, starship and atuin are
// untouched, and a block leaves no state behind (the next line is checked afresh).
import { airlockCommand, shq } from './common';

export interface BashHookOptions {
  /** Print the BASH_ENV variant (non-interactive bash -c guard) instead. */
  nonInteractive?: boolean;
}

export function bashHook(opts: BashHookOptions = {}): string {
  const cmd = airlockCommand().map(shq).join(' ');
  if (opts.nonInteractive) return bashEnvHook(cmd);
  return String.raw`# airlock pre-exec hook for interactive bash (>= 4.4). Load it from ~/.bashrc with:
#   eval "$(airlock init bash)"
if [[ $- == *i* && -z ${'$'}{__airlock_hook_loaded-} && ${'$'}{BASH_VERSINFO[0]} -ge 4 ]]; then
__airlock_hook_loaded=1
# The session environment as the hook loaded: read-only, so a later line cannot move it.
__airlock_session_env=${'$'}{AIRLOCK_ENV-}
readonly __airlock_session_env
__airlock_cmd=(${cmd})
__airlock_pid= __airlock_r= __airlock_w= __airlock_fresh= __airlock_v= __airlock_m= __airlock_e=
__airlock_pipetrap=$(trap -p PIPE)

__airlock_stop() {
  [[ -n $__airlock_pid ]] && kill "$__airlock_pid" 2>/dev/null
  [[ -n $__airlock_r ]] && exec {__airlock_r}<&-
  [[ -n $__airlock_w ]] && exec {__airlock_w}>&-
  __airlock_pid= __airlock_r= __airlock_w=
}

__airlock_start() {
  __airlock_stop
  {
    coproc __AIRLOCK_SRV { exec "${'$'}{__airlock_cmd[@]}" serve --stdio 2>/dev/null; }
    __airlock_pid=$__AIRLOCK_SRV_PID
    exec {__airlock_r}<&"${'$'}{__AIRLOCK_SRV[0]}" {__airlock_w}>&"${'$'}{__AIRLOCK_SRV[1]}"
    disown "$__airlock_pid"
  } 2>/dev/null
  __airlock_fresh=1
}

__airlock_esc() {
  local s=$1
  s=${'$'}{s//\\/\\\\}
  s=${'$'}{s//$'\n'/\\n}
  s=${'$'}{s//$'\t'/\\t}
  s=${'$'}{s//$'\r'/\\r}
  __airlock_e=$s
}

# Sets __airlock_v (allow|incomplete|confirm|deny) and __airlock_m (escaped message).
__airlock_ask() {
  __airlock_v=deny __airlock_m=
  [[ -n $__airlock_pid ]] && kill -0 "$__airlock_pid" 2>/dev/null || __airlock_start
  local t=3 reply cwd envname ok=1
  [[ -n $__airlock_fresh ]] && t=30
  __airlock_esc "$PWD"; cwd=$__airlock_e
  __airlock_esc "$__airlock_session_env"; envname=$__airlock_e
  __airlock_esc "$1"
  trap '' PIPE
  printf 'check\t%s\t%s\t%s\tbash\n' "$cwd" "$__airlock_e" "$envname" >&"$__airlock_w" 2>/dev/null || ok=
  if [[ -n $__airlock_pipetrap ]]; then eval "$__airlock_pipetrap"; else trap - PIPE; fi
  if [[ -n $ok ]] && IFS= read -r -t "$t" -u "$__airlock_r" reply 2>/dev/null; then
    __airlock_fresh=
    __airlock_v=${'$'}{reply%%$'\t'*}
    [[ $reply == *$'\t'* ]] && __airlock_m=${'$'}{reply#*$'\t'}
  else
    __airlock_stop
    __airlock_m='airlock: blocked: the airlock checker did not answer; nothing was run. Press Enter to retry (it restarts); if it keeps failing run: airlock doctor'
  fi
}

__airlock_prompt() {
  local saved
  saved=$(stty -g </dev/tty 2>/dev/null)
  stty sane </dev/tty 2>/dev/null
  "${'$'}{__airlock_cmd[@]}" serve --prompt --shell bash -- "$1" </dev/tty
  local rc=$?
  [[ -n $saved ]] && stty "$saved" </dev/tty 2>/dev/null
  return $rc
}

__airlock_accept_next() {
  bind -m emacs "\"\C-x\C-h\": $1" 2>/dev/null
  bind -m vi-insert "\"\C-x\C-h\": $1" 2>/dev/null
  bind -m vi-command "\"\C-x\C-h\": $1" 2>/dev/null
}

__airlock_guard() {
  local line=$READLINE_LINE
  __airlock_accept_next accept-line
  [[ $line == *[![:space:]]* ]] || return 0
  # What bash runs is the line after history expansion (!!, !-2, ^a^b): check that.
  if [[ $- == *H* && ( $line == *'!'* || $line == '^'* ) ]]; then
    local __airlock_x
    __airlock_x=$(builtin history -p -- "$line" 2>/dev/null) && line=$__airlock_x
  fi
  __airlock_ask "$line"
  case $__airlock_v in
    allow) return 0 ;;
    incomplete)
      READLINE_LINE+=$'\n'
      READLINE_POINT=${'$'}{#READLINE_LINE}
      __airlock_accept_next redraw-current-line
      return 0 ;;
    confirm)
      if __airlock_prompt "$line"; then return 0; fi
      history -s -- "$line"
      READLINE_LINE= READLINE_POINT=0
      return 0 ;;
  esac
  [[ -n $__airlock_m ]] && printf '%b\n' "$__airlock_m" >&2
  history -s -- "$line"
  READLINE_LINE= READLINE_POINT=0
}

for __airlock_km in emacs vi-insert vi-command; do
  bind -m "$__airlock_km" -x '"\C-x\C-g": __airlock_guard'
  bind -m "$__airlock_km" '"\C-x\C-h": accept-line'
  bind -m "$__airlock_km" '"\C-m": "\C-x\C-g\C-x\C-h"'
  bind -m "$__airlock_km" '"\C-j": "\C-x\C-g\C-x\C-h"'
done
bind -m emacs '"\C-o": "\C-x\C-g\C-x\C-h"'
unset __airlock_km
__airlock_start
fi
`;
}

/** For BASH_ENV: a non-interactive bash sources it before running `-c` text or a script. */
function bashEnvHook(cmd: string): string {
  return String.raw`# airlock guard for non-interactive bash: export BASH_ENV=<file holding this text>
# (airlock init bash --non-interactive > ~/.config/airlock/bash_env). bash sources it before the
# -c text ($BASH_EXECUTION_STRING) or the script ($0) runs; on a block it exits 126 and nothing
# of the text runs. Skipped under an outer airlock (AIRLOCK_GUARDED), which already checked it.
# Advisory: whoever controls the environment can unset BASH_ENV; use airlock as the shell instead.
if [[ $- != *i* && -z ${'$'}{AIRLOCK_GUARDED-} ]]; then
  if [[ -n ${'$'}{BASH_EXECUTION_STRING+x} ]]; then
    AIRLOCK_GUARDED=1 ${cmd} serve --check --shell bash-env -- "$BASH_EXECUTION_STRING" || exit 126
  elif [[ -f $0 && -r $0 ]]; then
    AIRLOCK_GUARDED=1 ${cmd} serve --check --shell bash-env --file "$0" || exit 126
  fi
fi
`;
}

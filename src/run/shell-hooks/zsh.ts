// `airlock init zsh`: the interactive pre-exec hook for zsh.
//
// Design: every accepting ZLE widget (accept-line, accept-and-hold, accept-line-and-down-history,
// accept-and-infer-next-history) is wrapped. The wrapper checks the whole $BUFFER through the
// resident server (a coprocess `airlock serve --stdio`, one per shell) and then calls whatever
// was bound before (a plugin's widget or the builtin .accept-line), so zsh-autosuggestions,
// zsh-syntax-highlighting, atuin and starship keep working. The wrap is re-asserted at every
// precmd (plugins that re-bind later get wrapped again; a flag makes nested wrappers check once).
// An unfinished line (trailing backslash, open quote...) gets a newline appended instead of being
// accepted, so continued lines are checked as one. A block empties the buffer and prints why.
import { airlockCommand, shq } from './common';

export function zshHook(): string {
  const cmd = airlockCommand().map(shq).join(' ');
  return String.raw`# airlock pre-exec hook for interactive zsh. Load it from ~/.zshrc with:
#   eval "$(airlock init zsh)"
if [[ -o interactive && -z ${'$'}{__airlock_hook_loaded-} ]]; then
typeset -g __airlock_hook_loaded=1
# The session environment as the hook loaded: read-only, so a later line cannot move it.
typeset -gr __airlock_session_env=${'$'}{AIRLOCK_ENV-}
typeset -ga __airlock_cmd
__airlock_cmd=(${cmd})
typeset -g __airlock_pid= __airlock_r= __airlock_w= __airlock_fresh= __airlock_v= __airlock_m= __airlock_e= __airlock_inner=
typeset -gi __airlock_gen=0
zmodload zsh/zleparameter 2>/dev/null

__airlock_stop() {
  [[ -n $__airlock_pid ]] && kill $__airlock_pid 2>/dev/null
  [[ -n $__airlock_r ]] && exec {__airlock_r}<&-
  [[ -n $__airlock_w ]] && exec {__airlock_w}>&-
  __airlock_pid= __airlock_r= __airlock_w=
}

__airlock_start() {
  setopt localoptions nomonitor nonotify
  __airlock_stop
  coproc exec "${'$'}{__airlock_cmd[@]}" serve --stdio 2>/dev/null
  __airlock_pid=$!
  exec {__airlock_r}<&p {__airlock_w}>&p
  disown %% 2>/dev/null
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

__airlock_ask() {
  setopt localoptions localtraps
  __airlock_v=deny __airlock_m=
  { [[ -n $__airlock_pid ]] && kill -0 $__airlock_pid 2>/dev/null } || __airlock_start
  local t=3 reply cwd envname ok=1
  [[ -n $__airlock_fresh ]] && t=30
  __airlock_esc "$PWD"; cwd=$__airlock_e
  __airlock_esc "$__airlock_session_env"; envname=$__airlock_e
  __airlock_esc "$1"
  trap '' PIPE
  print -rn -u $__airlock_w -- "check"$'\t'"$cwd"$'\t'"$__airlock_e"$'\t'"$envname"$'\t'"zsh"$'\n' 2>/dev/null || ok=
  if [[ -n $ok ]] && IFS= read -r -t $t -u $__airlock_r reply 2>/dev/null; then
    __airlock_fresh=
    __airlock_v=${'$'}{reply%%$'\t'*}
    [[ $reply == *$'\t'* ]] && __airlock_m=${'$'}{reply#*$'\t'}
  else
    __airlock_stop
    __airlock_m='airlock: blocked: the airlock checker did not answer; nothing was run. Press Enter to retry (it restarts); if it keeps failing run: airlock doctor'
  fi
}

__airlock_prompt() {
  local saved rc
  saved=$(stty -g </dev/tty 2>/dev/null)
  stty sane </dev/tty 2>/dev/null
  "${'$'}{__airlock_cmd[@]}" serve --prompt --shell zsh -- "$1" </dev/tty
  rc=$?
  [[ -n $saved ]] && stty "$saved" </dev/tty 2>/dev/null
  return $rc
}

# $1: the widget to run when the line may run.
__airlock_zle_check() {
  local orig=$1; shift
  # What zsh runs is the line after history expansion (!!, !-2, ^a^b): expand it in place first.
  [[ -o banghist && ( $BUFFER == *'!'* || $BUFFER == '^'* ) ]] && zle expand-history 2>/dev/null
  local line=$BUFFER
  if [[ -n $__airlock_inner || $line != *[![:space:]]* ]]; then
    zle $orig -- "$@"
    return
  fi
  __airlock_ask "$line"
  case $__airlock_v in
    allow)
      local __airlock_inner=1
      zle $orig -- "$@"
      return ;;
    incomplete)
      BUFFER+=$'\n'
      CURSOR=${'$'}{#BUFFER}
      return 0 ;;
    confirm)
      zle -I
      if __airlock_prompt "$line"; then
        local __airlock_inner=1
        zle $orig -- "$@"
        return
      fi ;;
    *)
      zle -I
      [[ -n $__airlock_m ]] && print -u2 -- "$__airlock_m" ;;
  esac
  print -s -- "$line"
  BUFFER=
  CURSOR=0
  return 0
}

__airlock_wrap() {
  local w=$1 cur=${'$'}{widgets[$1]-} target
  [[ $cur == user:__airlock_w_* ]] && return
  (( ++__airlock_gen ))
  if [[ $cur == user:* || $cur == completion:* ]]; then
    target=__airlock_orig_${'$'}{__airlock_gen}_$w
    zle -A $w $target
  else
    target=.$w
  fi
  functions[__airlock_w_${'$'}{__airlock_gen}_$w]="__airlock_zle_check $target \"\$@\""
  zle -N $w __airlock_w_${'$'}{__airlock_gen}_$w
}

__airlock_install() {
  local w
  for w in accept-line accept-and-hold accept-line-and-down-history accept-and-infer-next-history; do
    __airlock_wrap $w
  done
}

autoload -Uz add-zsh-hook
add-zsh-hook precmd __airlock_install
__airlock_install
__airlock_start
fi
`;
}

#!/usr/bin/env bash
# Installs Debian's tmux for the terminal board's test (TerminalBoardTests runs src/TerminalBoard in a tmux
# session and reads its screen with capture-pane), unless it is there. Idempotent and quiet; exits non-zero when
# tmux cannot be installed. Needs root (CI runs as root).
exec "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" tmux /usr/bin/tmux

# skiff %preun: on erase, stop and disable the broker (it drains and flushes on SIGTERM).
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl --no-reload disable --now skiff.service >/dev/null 2>&1 || :
fi
exit 0

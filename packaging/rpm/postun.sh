# skiff %postun: on upgrade, restart a running broker with the new files.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart skiff.service >/dev/null 2>&1 || :
    fi
fi
exit 0

# skiff %post: on first install, enable the unit if the distribution's presets say so.
if [ "$1" -eq 1 ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    systemctl --no-reload preset skiff.service >/dev/null 2>&1 || :
fi
exit 0

# skiff %pre: the skiff system user owning /var/lib/skiff and /var/log/skiff.
getent group skiff >/dev/null || groupadd -r skiff
getent passwd skiff >/dev/null || \
    useradd -r -g skiff -d /var/lib/skiff -s /sbin/nologin -c "Skiff broker" skiff
exit 0

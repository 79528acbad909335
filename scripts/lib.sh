# Shell helpers of scripts/test.sh and scripts/compose-test.sh (sourced; each script defines log and die itself).

is_root() { [ "$(id -u)" -eq 0 ]; }

# apt_install PACKAGE...: apt-get update and install, without letting the packages start their system services (the
# scripts start the servers they need themselves). Returns apt-get's exit code.
apt_install() {
    local policy=/usr/sbin/policy-rc.d added_policy=0 rc=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
    fi
    {
        apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
    } || rc=$?
    [ "$added_policy" -eq 1 ] && rm -f "$policy"
    return "$rc"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port [EXCLUDE]: a free TCP port on 127.0.0.1 (other than EXCLUDE).
pick_port() {
    local exclude=${1:-0} p i
    for i in $(seq 1 100); do
        # The kernel's pick through python3 where it runs, a random one otherwise.
        p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) \
            || p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        [ "$p" != "$exclude" ] || continue
        port_in_use "$p" && continue
        echo "$p"
        return 0
    done
    die "could not find a free TCP port"
}

#!/usr/bin/env bash
# tools/local-slurm.sh - a single-node Slurm cluster that lives entirely in one folder, for the
# Slurm integration tests (.ci/run) and for trying the slurm backend on one machine.
#
#   tools/local-slurm.sh install        install slurmctld slurmd slurm-client munge with apt-get (only those missing)
#   tools/local-slurm.sh start  DIR     configure under DIR, start munged + slurmctld + slurmd, wait until the node
#                                       takes jobs, then print `export SLURM_CONF=...` lines (eval them)
#   tools/local-slurm.sh stop   DIR     cancel every job, stop the daemons (by their pid files in DIR)
#   tools/local-slurm.sh status DIR     exit 0 when the daemons run and the node takes jobs
#   tools/local-slurm.sh env    DIR     print the export lines again
#
# Everything lives under DIR: munge key and socket, slurm.conf, controller state, spool, logs, pid files
# and the job completion log (DIR/log/jobcomp.txt). Nothing in /etc is read or written. Every command is
# idempotent: start on a running cluster only prints the export lines, stop on a stopped one does nothing.
#
# Environment knobs (read by start):
#   RANKADAPTOR_SLURM_PORT     slurmctld port, slurmd uses the next one (default: derived from DIR, 20000-29998,
#                              so clusters in different folders do not collide)
#   RANKADAPTOR_SLURM_CPUS     CPUs of the node (default: nproc)
#   RANKADAPTOR_SLURM_MEM_MB   memory of the node in MB (default: 90% of MemTotal)
#   RANKADAPTOR_SLURM_JOB_AGE  seconds a finished job stays in squeue/scontrol before it is purged (default: 300)
#   RANKADAPTOR_SLURM_WAIT     seconds start waits for the node (default: 60)
#
# The daemons must run as root (slurmd starts each job as the user who submitted it); as another user the
# script re-runs itself through `sudo -n` and fails with a message when that is not allowed.
set -euo pipefail

say() { echo "local-slurm: $*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

ACTION=${1:-}
case "$ACTION" in
  install) [ $# -eq 1 ] || usage ;;
  start|stop|status|env) [ $# -eq 2 ] || usage ;;
  *) usage ;;
esac

PACKAGES_NEEDED() {
  local missing=()
  command -v slurmctld >/dev/null 2>&1 || missing+=(slurmctld)
  command -v slurmd >/dev/null 2>&1 || missing+=(slurmd)
  command -v sbatch >/dev/null 2>&1 || missing+=(slurm-client)
  command -v munged >/dev/null 2>&1 || missing+=(munge)
  echo "${missing[@]:-}"
}

as_root() {  # re-run this script as root through sudo when we are not root
  [ "$(id -u)" -eq 0 ] && return 0
  command -v sudo >/dev/null 2>&1 || fail "'$ACTION' needs root (the Slurm daemons run as root) and sudo is not installed"
  sudo -n true 2>/dev/null || fail "'$ACTION' needs root (the Slurm daemons run as root) and 'sudo -n' is not allowed for $(id -un)"
  local keep=()
  while IFS= read -r line; do keep+=("$line"); done < <(env | grep '^RANKADAPTOR_SLURM_' || true)
  exec sudo -n env "${keep[@]}" bash "$0" "$@"
}

if [ "$ACTION" = install ]; then
  missing=$(PACKAGES_NEEDED)
  if [ -z "$missing" ]; then say "slurm and munge are installed ($(slurmd -V 2>/dev/null))"; exit 0; fi
  as_root install
  command -v apt-get >/dev/null 2>&1 || fail "missing packages ($missing) and no apt-get on this machine"
  say "installing $missing"
  export DEBIAN_FRONTEND=noninteractive
  # wait for another apt/dpkg run instead of failing on its lock
  apt-get -q -o DPkg::Lock::Timeout=600 update >&2 || fail "apt-get update failed"
  # shellcheck disable=SC2086
  apt-get -q -y -o DPkg::Lock::Timeout=600 install --no-install-recommends $missing >&2 || fail "apt-get install $missing failed"
  [ -z "$(PACKAGES_NEEDED)" ] || fail "still missing after apt-get: $(PACKAGES_NEEDED)"
  say "installed ($(slurmd -V 2>/dev/null))"
  exit 0
fi

DIR=$2
case "$DIR" in /*) ;; *) DIR=$PWD/$DIR ;; esac
case "$DIR" in *[[:space:]]*|*:*|*,*) fail "DIR must not contain spaces, ':' or ',' (it goes into slurm.conf): '$DIR'" ;; esac
CONF=$DIR/etc/slurm.conf
SOCKET=$DIR/run/munge.sock
NODE=$(hostname -s)
[ ${#SOCKET} -lt 100 ] || fail "DIR is too long for a unix socket path: $SOCKET"

print_env() {
  echo "export SLURM_CONF=$CONF"
  echo "export RANKADAPTOR_SLURM_DIR=$DIR"
}

if [ "$ACTION" = env ]; then
  [ -f "$CONF" ] || fail "no cluster configured in $DIR (run: $0 start $DIR)"
  print_env; exit 0
fi

pid_of() {  # pid_of NAME: the pid from DIR/run/NAME.pid when that process is alive and is NAME
  local f=$DIR/run/$1.pid pid
  [ -s "$f" ] || return 1
  pid=$(tr -cd '0-9' < "$f")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && echo "$pid"
}
node_state() { SLURM_CONF=$CONF timeout 10 sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n 1; }
takes_jobs() { case "$1" in idle|mixed|allocated|completing) return 0 ;; *) return 1 ;; esac; }

if [ "$ACTION" = status ]; then
  [ -f "$CONF" ] || { say "no cluster configured in $DIR"; exit 1; }
  rc=0
  for d in munged slurmctld slurmd; do
    if p=$(pid_of $d); then echo "$d running (pid $p)"; else echo "$d not running"; rc=1; fi
  done
  st=$(node_state || true)
  echo "node $NODE: ${st:-no answer}"
  takes_jobs "$st" || rc=1
  exit $rc
fi

as_root "$ACTION" "$DIR"
mkdir -p "$DIR"
exec 8>"$DIR/.lock"
flock -w 120 8 || fail "another start/stop of $DIR holds $DIR/.lock"

stop_pid() {  # stop_pid NAME: SIGTERM, wait up to 10 s, then SIGKILL
  local name=$1 pid i
  pid=$(pid_of "$name") || { rm -f "$DIR/run/$name.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then say "$name ($pid) still alive after 10 s, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$DIR/run/$name.pid"
  say "stopped $name ($pid)"
}

cancel_jobs() {
  pid_of slurmctld >/dev/null || return 0
  local i
  [ -n "$(SLURM_CONF=$CONF timeout 10 squeue -h -o %i 2>/dev/null)" ] || return 0
  say "cancelling all jobs"
  SLURM_CONF=$CONF timeout 10 squeue -h -o %i 2>/dev/null | xargs -r env SLURM_CONF="$CONF" timeout 10 scancel 2>/dev/null || true
  for i in $(seq 60); do
    [ -z "$(SLURM_CONF=$CONF timeout 10 squeue -h -t pending,running,completing,configuring,suspended -o %i 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  say "jobs still listed after 30 s; stopping the daemons anyway"
}

stop_all() { stop_pid slurmd; stop_pid slurmctld; stop_pid munged; }

if [ "$ACTION" = stop ]; then
  [ -f "$CONF" ] || { say "nothing configured in $DIR"; exit 0; }
  cancel_jobs
  stop_all
  exit 0
fi

# ---- start ----
if [ -f "$CONF" ] && pid_of munged >/dev/null && pid_of slurmctld >/dev/null && pid_of slurmd >/dev/null \
   && takes_jobs "$(node_state || true)"; then
  say "already running in $DIR"
  print_env; exit 0
fi
[ -z "$(PACKAGES_NEEDED)" ] || fail "missing $(PACKAGES_NEEDED); run: $0 install"
stop_all   # leftovers of a partial start or of a daemon that died

if [ -n "${RANKADAPTOR_SLURM_PORT:-}" ]; then
  PORT=$RANKADAPTOR_SLURM_PORT
else
  PORT=$(( 20000 + ($(printf '%s' "$DIR" | cksum | cut -d' ' -f1) % 5000) * 2 ))
fi
for p in "$PORT" $((PORT + 1)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p is in use (another cluster?); choose others with RANKADAPTOR_SLURM_PORT"
  fi
done
CPUS=${RANKADAPTOR_SLURM_CPUS:-$(nproc)}
MEM=${RANKADAPTOR_SLURM_MEM_MB:-$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)}

mkdir -p "$DIR/etc" "$DIR/run" "$DIR/log" "$DIR/state" "$DIR/spool" "$DIR/munge"
# clients of any user read slurm.conf and talk to munged through the socket; the socket folder must be a+x
chmod 755 "$DIR" "$DIR/etc" "$DIR/run" "$DIR/log"
chmod 700 "$DIR/munge"
if [ ! -s "$DIR/munge/munge.key" ]; then
  (umask 077; head -c 1024 /dev/urandom > "$DIR/munge/munge.key")
  chmod 400 "$DIR/munge/munge.key"
fi

cat > "$CONF.new" <<EOF
# written by tools/local-slurm.sh on every start; a single-node cluster living in $DIR
ClusterName=rankadaptor
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
MailProg=/bin/true
# no cgroups here: process groups are tracked and killed as a whole
ProctrackType=proctrack/pgid
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
# start a job as soon as it is submitted (the default holds each one for about 3 s)
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
# the final state of purged jobs (no slurmdbd, so no sacct)
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
MinJobAge=${RANKADAPTOR_SLURM_JOB_AGE:-300}
# reject at sbatch what can never run here instead of leaving it pending
EnforcePartLimits=ALL
ReturnToService=2
KillWait=5
InactiveLimit=0
Waittime=0
DefMemPerCPU=1024
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
mv "$CONF.new" "$CONF"
chmod 644 "$CONF"
export SLURM_CONF=$CONF

rm -f "$SOCKET" "$SOCKET.lock"
launch() {  # launch NAME ARGS...: the daemons fork themselves; keep our stdout (the export lines) clean
  local name=$1; shift
  if ! "$name" "$@" < /dev/null > /dev/null 2>> "$DIR/log/$name.stderr" 8>&-; then
    tail -n 5 "$DIR/log/$name.stderr" >&2 || true
    stop_all; fail "$name did not start; see $DIR/log/$name.log and $DIR/log/$name.stderr"
  fi
}
launch munged --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/run/munged.pid" \
  --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/seed"
munge -n -S "$SOCKET" | unmunge -S "$SOCKET" > /dev/null || { stop_all; fail "munge does not answer on $SOCKET"; }
launch slurmctld
launch slurmd -N "$NODE"

deadline=$((SECONDS + ${RANKADAPTOR_SLURM_WAIT:-60}))
resumed=0
while :; do
  st=$(node_state || true)
  takes_jobs "$st" && break
  for d in slurmctld slurmd; do
    pid_of $d > /dev/null || { tail -n 5 "$DIR/log/$d.log" >&2 || true; stop_all; fail "$d exited during start; see $DIR/log/$d.log"; }
  done
  case "$st" in
    *drain*|down*|*inval*|fail*)
      if [ $resumed = 0 ]; then timeout 10 scontrol update nodename="$NODE" state=resume 2>/dev/null || true; resumed=1; fi ;;
  esac
  if [ $SECONDS -ge $deadline ]; then
    tail -n 5 "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" >&2 || true
    stop_all; fail "node $NODE not ready (state '${st:-no answer}') after ${RANKADAPTOR_SLURM_WAIT:-60} s"
  fi
  sleep 0.2
done
say "ready: node $NODE $st, $CPUS CPUs, $MEM MB, port $PORT, logs in $DIR/log"
print_env

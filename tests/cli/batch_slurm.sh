#!/bin/bash
# A real single-node Slurm cluster: starts munged, slurmctld and slurmd
# from a configuration written under a temporary folder, runs jisr batch
# as `sbatch --wait --array=0-3` over four shards of a b64tsv stream, and
# checks that the merged shards equal one jisr batch process. The daemons
# it started are stopped by their process ids on every exit.
#   batch_slurm.sh JISR SOURCE_DIR
set -u
jisr=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$(cd "$2" && pwd)
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1"; exit 1; fi
  echo "SKIP: $1"; exit 77
}
[ "$(id -u)" -eq 0 ] || skip "the Slurm test starts slurmd and needs root"
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || skip "$tool is not installed (scripts/bootstrap installs slurm-wlm and munge)"
done
export PATH="$PATH:/usr/sbin"
work=$(mktemp -d /tmp/jisr-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for log in "$work"/*.log; do echo "--- $log"; tail -n 15 "$log"; done
  exit 1
}

# munge: a fresh key and socket of our own.
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$work/munge.key"
munged --foreground --force --key-file="$work/munge.key" --socket="$work/munge.sock" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munged.seed" \
  >>"$work/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge.sock" ] && break; sleep 0.1; done
[ -S "$work/munge.sock" ] || fail "munged did not start"

host=$(hostname -s)
base=$((20000 + $$ % 20000))
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=jisrtest
SlurmctldHost=$host
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
AuthInfo=socket=$work/munge.sock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=jisr Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >>"$work/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >>"$work/slurmd.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)' && break
  sleep 0.5
done
sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)' || fail "the node did not come up: $(sinfo 2>&1)"

. "$(dirname "$0")/batch_stream.sh"
make_stream 40
split -d -a 1 -n l/4 "$work/stream.b64tsv" "$work/shard."
cat >"$work/job.sh" <<JOB
#!/bin/sh
"$jisr" batch -q --input b64tsv --threads 1 <"$work/shard.\$SLURM_ARRAY_TASK_ID" >"$work/out.\$SLURM_ARRAY_TASK_ID"
JOB
sbatch --wait --array=0-3 --cpus-per-task=1 --output="$work/job-%a.log" -D "$work" "$work/job.sh" \
  >"$work/sbatch.log" 2>&1 || fail "sbatch: $(cat "$work/sbatch.log")"
cat "$work/out.0" "$work/out.1" "$work/out.2" "$work/out.3" >"$work/merged.tsv" || fail "a shard wrote no output"
cmp -s "$work/one.tsv" "$work/merged.tsv" || fail "merged shards differ: $(diff "$work/one.tsv" "$work/merged.tsv" | head -n 5)"
echo "slurm array 0-3: $(wc -l <"$work/merged.tsv") pairs, the same as one process"
